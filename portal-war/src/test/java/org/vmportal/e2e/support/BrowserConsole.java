package org.vmportal.e2e.support;

import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/** The browser console's errors: a page that works logs none. */
public final class BrowserConsole {

  private BrowserConsole() {}

  /**
   * The SEVERE entries logged since the last call (reading the log empties it).
   *
   * @param browser the browser
   * @return the messages
   */
  public static List<String> errors(WebDriver browser) {
    return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }
}

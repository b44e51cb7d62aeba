package org.vmportal.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/**
 * Named screenshots of pages, as test artifacts in {@code target/screenshots/pages/}; the README's
 * pictures in {@code docs/screenshots/} are copied from there.
 */
public final class PageShots {

  private PageShots() {}

  /**
   * Saves what the browser shows.
   *
   * @param browser the browser
   * @param name the file's name, without {@code .png}
   */
  public static void save(WebDriver browser, String name) {
    try {
      Path dir = Path.of("target", "screenshots", "pages");
      Files.createDirectories(dir);
      Files.write(
          dir.resolve(name + ".png"),
          ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

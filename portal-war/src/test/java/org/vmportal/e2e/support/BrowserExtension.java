package org.vmportal.e2e.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Gives each {@code WebDriver} parameter of a test method a fresh headless Debian Chromium (its own
 * profile, so no cookies carry over) and quits it afterwards, saving a screenshot of the last page
 * to {@code target/screenshots/<class>.<method>.png} as a test artifact, with the browser console's
 * messages beside it ({@code .console.log}).
 */
public class BrowserExtension implements ParameterResolver, AfterEachCallback {

  private static final int MAX_BROWSERS = 4;
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(BrowserExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == WebDriver.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    // One browser per WebDriver parameter: a test taking two drives two people at once.
    return context
        .getStore(NS)
        .getOrComputeIfAbsent("driver-" + parameter.getIndex(), key -> start(), WebDriver.class);
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    for (int index = 0; index < MAX_BROWSERS; index++) {
      WebDriver driver = context.getStore(NS).remove("driver-" + index, WebDriver.class);
      if (driver != null) {
        saveArtifactsAndQuit(context, driver, index);
      }
    }
  }

  private static void saveArtifactsAndQuit(ExtensionContext context, WebDriver driver, int index)
      throws IOException {
    try {
      Path dir = Path.of("target", "screenshots");
      Files.createDirectories(dir);
      String name =
          context.getRequiredTestClass().getSimpleName()
              + "."
              + context.getRequiredTestMethod().getName()
              + (index == 0 ? "" : "." + index);
      byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
      Files.write(dir.resolve(name + ".png"), png);
      StringBuilder console = new StringBuilder();
      for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
        console.append(entry.getLevel()).append(' ').append(entry.getMessage()).append('\n');
      }
      Files.writeString(dir.resolve(name + ".console.log"), console);
    } finally {
      driver.quit();
    }
  }

  private static WebDriver start() {
    return start(chromeOptions());
  }

  /**
   * The options every browser here starts with: headless Debian Chromium, loopback only.
   *
   * @return options a caller may add to (benchmarks add WebDriver BiDi)
   */
  public static ChromeOptions chromeOptions() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    // Without the background-networking flags Chromium keeps calling out to Google, which this
    // loopback-only machine refuses.
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
        "--window-size=1280,800");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    return options;
  }

  /**
   * Starts Debian's ChromeDriver and Chromium with the given options.
   *
   * @param options usually {@link #chromeOptions()}
   * @return the browser; the caller quits it
   */
  public static WebDriver start(ChromeOptions options) {
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return driver;
  }
}

package org.vmportal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vmportal.e2e.pages.PortalPage;
import org.vmportal.e2e.support.BrowserExtension;
import org.vmportal.e2e.support.Stack;
import org.vmportal.e2e.support.TestImages;

/**
 * The platform admin curates the catalog through the real pages: uploads an ISO (whose name holds
 * markup, shown as text), builds a base image from the seeded demo ISO with an installer VM on
 * libvirt, seals it, deletes it, and deletes the ISO.
 */
@ExtendWith(BrowserExtension.class)
class AdminCuratesCatalogIT {

  static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void uploadBuildSealAndDelete(WebDriver browser) throws Exception {
    PortalPage.signIn(browser, "/", "admin", "admin123", "admin-heading");
    // Tables redraw after each action: an element found a moment ago may be stale; look again.
    WebDriverWait wait = new WebDriverWait(browser, WAIT);
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);

    // Upload through the ISO page's file input (the drop zone's twin).
    String isoName = "xss-<img src=x onerror=alert(1)> \"q\" " + UUID.randomUUID() + ".iso";
    Path dir = Files.createTempDirectory("vmportal-e2e");
    Path isoFile = Files.write(dir.resolve(isoName), TestImages.iso(3_000_000));
    browser.get(Stack.portalUrl() + "/admin/isos.xhtml");
    new PortalPage(browser, "isos-heading");
    browser.findElement(By.id("iso-file")).sendKeys(isoFile.toString());
    WebElement isoRow = wait.until(rowContaining("iso-form:iso-table", isoName));
    assertThat(browser.findElement(By.id("iso-upload-status")).getText()).startsWith("Stored ");
    assertThat(isoRow.getText()).contains(isoName).contains("admin");
    assertNoAlert(browser);

    // Build a base image from the seeded demo ISO.
    String imageName = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    browser.get(Stack.portalUrl() + "/admin/images.xhtml");
    new PortalPage(browser, "images-heading");
    browser.findElement(By.id("images-form:build-iso")).click();
    wait.until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector("#images-form\\:build-iso_items li[data-label='demo-linux.iso']")))
        .click();
    browser.findElement(By.id("images-form:build-name")).sendKeys(imageName);
    browser.findElement(By.id("images-form:build-os")).sendKeys("Demo Linux");
    browser.findElement(By.id("images-form:build-version")).sendKeys("e2e");
    browser.findElement(By.id("images-form:build-start")).click();
    WebElement imageRow = wait.until(rowContaining("images-form:image-table", imageName));
    assertThat(imageRow.getText()).contains("BUILDING");
    String installer = imageRow.findElement(By.className("installer-domain")).getText();
    assertThat(installer).startsWith("vmportal-installer-");
    assertThat(virsh("domstate", installer)).contains("running");

    // The installer's console: its own tab, the installer VM's screen, drawn through guacd.
    String imagesTab = browser.getWindowHandle();
    // The build's growl sits over the row's actions until it fades.
    wait.until(
        d ->
            d.findElements(By.cssSelector(".ui-growl-item")).stream()
                .noneMatch(WebElement::isDisplayed));
    imageRow.findElement(By.xpath(".//a[.//span[text()='Console']]")).click();
    wait.until(d -> d.getWindowHandles().size() > 1);
    String consoleTab =
        browser.getWindowHandles().stream()
            .filter(h -> !h.equals(imagesTab))
            .findFirst()
            .orElseThrow();
    browser.switchTo().window(consoleTab);
    assertThat(browser.getTitle()).isEqualTo("Installer for " + imageName);
    wait.until(d -> "connected".equals(consoleState(d)));
    wait.until(d -> consoleLitPixels(d) > 500);

    // Seal: the installer VM goes away, its console closes, and the image becomes SEALED.
    browser.switchTo().window(imagesTab);
    row(browser, "images-form:image-table", imageName)
        .findElement(By.xpath(".//button[.//span[text()='Seal']]"))
        .click();
    wait.until(d -> row(d, "images-form:image-table", imageName).getText().contains("SEALED"));
    browser.switchTo().window(consoleTab);
    wait.until(d -> "closed".equals(consoleState(d)));
    browser.close();
    browser.switchTo().window(imagesTab);
    assertThat(virsh("domstate", installer)).contains("failed to get domain");

    // Delete the base image, confirming the dialog.
    row(browser, "images-form:image-table", imageName)
        .findElement(By.xpath(".//button[.//span[text()='Delete']]"))
        .click();
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes")))
        .click();
    wait.until(d -> rowContaining("images-form:image-table", imageName).apply(d) == null);

    // Delete the uploaded ISO.
    browser.get(Stack.portalUrl() + "/admin/isos.xhtml");
    row(browser, "iso-form:iso-table", isoName)
        .findElement(By.xpath(".//button[.//span[text()='Delete']]"))
        .click();
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes")))
        .click();
    wait.until(d -> rowContaining("iso-form:iso-table", isoName).apply(d) == null);
    assertNoAlert(browser);
  }

  static org.openqa.selenium.support.ui.ExpectedCondition<WebElement> rowContaining(
      String tableId, String text) {
    return d -> {
      try {
        return row(d, tableId, text);
      } catch (org.openqa.selenium.NoSuchElementException
          | org.openqa.selenium.StaleElementReferenceException
          | IllegalStateException e) {
        return null;
      }
    };
  }

  static WebElement row(WebDriver browser, String tableId, String text) {
    return browser.findElement(By.id(tableId)).findElements(By.cssSelector("tbody tr")).stream()
        .filter(r -> r.getText().contains(text))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no row with " + text));
  }

  /** The state of the console page in the current tab: connecting, connected, closed, refused. */
  static String consoleState(WebDriver browser) {
    Object state =
        ((org.openqa.selenium.JavascriptExecutor) browser)
            .executeScript("return window.vmConsole ? window.vmConsole.state : null");
    return state == null ? "" : state.toString();
  }

  /** Lit pixels on the console's screen: a black screen has none, text has many. */
  static long consoleLitPixels(WebDriver browser) {
    Object lit =
        ((org.openqa.selenium.JavascriptExecutor) browser)
            .executeScript(
                "const c = window.vmConsole.client().getDisplay().flatten();"
                    + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                    + "let n = 0; for (let i = 0; i < d.length; i += 4) {"
                    + "  if (d[i] + d[i + 1] + d[i + 2] > 200) n++; }"
                    + "return n;");
    return ((Number) lit).longValue();
  }

  static void assertNoAlert(WebDriver browser) {
    try {
      browser.switchTo().alert();
      throw new AssertionError("A script from a file name ran: an alert is open");
    } catch (NoAlertPresentException expected) {
      // markup in names is shown as text
    }
  }

  static String virsh(String... args) throws Exception {
    String[] command = new String[args.length + 3];
    command[0] = "virsh";
    command[1] = "-c";
    command[2] = "qemu:///system";
    System.arraycopy(args, 0, command, 3, args.length);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.waitFor(30, TimeUnit.SECONDS);
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}

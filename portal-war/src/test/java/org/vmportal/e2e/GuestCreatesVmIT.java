package org.vmportal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vmportal.e2e.pages.PortalPage;
import org.vmportal.e2e.support.BrowserExtension;
import org.vmportal.e2e.support.Stack;

/**
 * Alice creates a VM from the catalog on her dashboard; it takes the spare the portal keeps for the
 * demo OS and boots it under libvirt (its prompt, with a hostname from the VM's name handed over on
 * the spare's CD-ROM medium, appears on the serial log); she powers it off and starts it again (the
 * name now comes from its new definition), pauses and resumes it, hibernates and wakes it, and
 * wipes it: nothing of it remains, its host-name medium included.
 */
@ExtendWith(BrowserExtension.class)
class GuestCreatesVmIT {

  static final Duration WAIT = Duration.ofSeconds(90);

  @Test
  void createBootPowerOffStartAndWipe(WebDriver browser) throws Exception {
    PortalPage.signIn(browser, "/", "alice", "alice123", "guest-heading");
    WebDriverWait wait = new WebDriverWait(browser, WAIT);
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    String name = "Lab " + UUID.randomUUID().toString().substring(0, 6) + " <b>\"x\"</b>";
    wait.until(d -> !readySpares().isEmpty());
    Set<String> spares = readySpares();

    browser.findElements(By.cssSelector("#catalog-form a.os-icon")).stream()
        .filter(a -> a.getText().contains("Demo Linux"))
        .findFirst()
        .orElseThrow()
        .click();
    WebElement nameField =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("create-form:vm-name")));
    nameField.sendKeys(name);
    browser.findElement(By.id("create-form:create-vm")).click();

    // card() matches the name's text exactly: the markup in it shows as text. Looked up afresh
    // each time, since the dashboard redraws the card as the VM's state changes.
    wait.until(d -> card(d, name) != null);
    wait.until(d -> state(d, name).equals("RUNNING"));
    wait.until(
        d -> {
          WebElement card = card(d, name);
          return card != null && card.getAttribute("class").contains("vm-RUNNING");
        });

    String domain = domainOf(name);
    assertThat(spares).as("the create took the demo OS's spare").contains(domain);
    assertThat(AdminCuratesCatalogIT.virsh("domstate", domain)).contains("running");
    Path serialLog = Stack.stateDir().resolve("storage/logs/" + domain + ".serial.log");
    String hostname = name.toLowerCase().replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
    new WebDriverWait(browser, WAIT)
        .until(d -> Files.exists(serialLog) && read(serialLog).contains("root@" + hostname + ":"));
    Path hostnameMedium = Stack.stateDir().resolve("storage/hostnames/" + domain + ".hostname");
    assertThat(hostnameMedium).exists();

    click(browser, name, "vm-force-stop");
    wait.until(d -> state(d, name).equals("STOPPED"));
    assertThat(AdminCuratesCatalogIT.virsh("domstate", domain)).contains("shut off");

    click(browser, name, "vm-start");
    wait.until(d -> state(d, name).equals("RUNNING"));
    assertThat(AdminCuratesCatalogIT.virsh("domstate", domain)).contains("running");
    // The serial log starts afresh at each boot: this prompt is the second boot's.
    new WebDriverWait(browser, WAIT).until(d -> read(serialLog).contains("root@" + hostname + ":"));

    click(browser, name, "vm-pause");
    wait.until(d -> state(d, name).equals("PAUSED"));
    assertThat(AdminCuratesCatalogIT.virsh("domstate", domain)).contains("paused");
    click(browser, name, "vm-resume");
    wait.until(d -> state(d, name).equals("RUNNING"));

    click(browser, name, "vm-hibernate");
    wait.until(d -> state(d, name).equals("HIBERNATED"));
    assertThat(AdminCuratesCatalogIT.virsh("domstate", domain)).contains("shut off");
    assertThat(AdminCuratesCatalogIT.virsh("dominfo", domain))
        .containsPattern("Managed save:\\s+yes");
    click(browser, name, "vm-start");
    wait.until(d -> state(d, name).equals("RUNNING"));

    // Renamed: the card shows the new name, escaped like the old one.
    String renamed = name + " (renamed)";
    click(browser, name, "vm-rename");
    WebElement renameField =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("rename-form:rename-name")));
    renameField.clear();
    renameField.sendKeys(renamed);
    browser.findElement(By.id("rename-form:rename-vm")).click();
    wait.until(d -> card(d, renamed) != null);

    click(browser, renamed, "vm-wipe");
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes")))
        .click();
    wait.until(d -> card(d, renamed) == null);
    assertThat(AdminCuratesCatalogIT.virsh("domstate", domain)).contains("failed to get domain");
    assertThat(Stack.stateDir().resolve("storage/overlays/" + domain + ".qcow2")).doesNotExist();
    assertThat(hostnameMedium).doesNotExist();
    AdminCuratesCatalogIT.assertNoAlert(browser);
  }

  /** The domains of the demo OS's spares that a create of the smallest size can take now. */
  static Set<String> readySpares() {
    Set<String> domains = new TreeSet<>();
    try (var db = Stack.database();
        var q =
            db.prepareStatement(
                "SELECT s.domain_name FROM spare_vms s JOIN base_images b ON b.id ="
                    + " s.base_image_id WHERE s.ready AND b.name = 'Demo Linux'");
        var rows = q.executeQuery()) {
      while (rows.next()) {
        domains.add(rows.getString(1));
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return domains;
  }

  static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      return "";
    }
  }

  /** Clicks a button on the VM's card; the dashboard's poll may redraw the card meanwhile. */
  static void click(WebDriver browser, String name, String buttonClass) {
    new WebDriverWait(browser, WAIT)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(
            d -> {
              WebElement card = card(d, name);
              if (card == null) {
                return false;
              }
              card.findElement(By.className(buttonClass)).click();
              return true;
            });
  }

  static WebElement card(WebDriver browser, String name) {
    try {
      return browser.findElements(By.cssSelector(".vm-card")).stream()
          .filter(c -> c.findElement(By.className("vm-name")).getText().equals(name))
          .findFirst()
          .orElse(null);
    } catch (org.openqa.selenium.StaleElementReferenceException e) {
      return null;
    }
  }

  static String state(WebDriver browser, String name) {
    WebElement card = card(browser, name);
    try {
      return card == null ? "" : card.findElement(By.className("vm-state")).getText();
    } catch (org.openqa.selenium.StaleElementReferenceException e) {
      return "";
    }
  }

  static String domainOf(String vmName) throws Exception {
    try (var db = Stack.database();
        var q = db.prepareStatement("SELECT domain_name FROM vms WHERE name = ?")) {
      q.setString(1, vmName);
      try (var row = q.executeQuery()) {
        assertThat(row.next()).as("a vms row for " + vmName).isTrue();
        return row.getString(1);
      }
    }
  }
}

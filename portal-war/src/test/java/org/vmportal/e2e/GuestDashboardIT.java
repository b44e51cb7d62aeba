package org.vmportal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.vmportal.e2e.pages.GuestDashboardPage;
import org.vmportal.e2e.pages.PortalPage;
import org.vmportal.e2e.support.ApiClient;
import org.vmportal.e2e.support.BrowserConsole;
import org.vmportal.e2e.support.BrowserExtension;
import org.vmportal.e2e.support.Json;
import org.vmportal.e2e.support.PageShots;
import org.vmportal.e2e.support.Stack;

/**
 * Every guest action on the dashboard, the way a person does it: Carol (tenant acme) starts from an
 * empty dashboard, creates a VM by dragging an OS icon and by keyboard, drives it through the
 * three-dot menu, the right-click menu, the card's buttons and the start zone, takes, boots from,
 * reverts and deletes snapshots, follows its serial log, renames and wipes it; the quota bars warn
 * at the limit; names with markup stay text; the page logs no error and fits a phone's width.
 */
@ExtendWith(BrowserExtension.class)
class GuestDashboardIT {

  private static final String MARKUP = "<script>alert('x')</script> \"q\" 'a' <b>";

  @AfterEach
  void restoreQuota() throws Exception {
    setAcmeMaxVms(20);
  }

  @Test
  void everyGuestAction(WebDriver browser, WebDriver apiBrowser) throws Exception {
    ApiClient carol = ApiClient.signIn(apiBrowser, "carol", "carol123", "guest-heading");
    wipeAll(carol);
    PortalPage.signIn(browser, "/", "carol", "carol123", "guest-heading");
    GuestDashboardPage page = new GuestDashboardPage(browser);
    assertThat(browser.findElement(By.cssSelector(".empty-state-box")).getText())
        .contains("You have no VMs yet");
    assertThat(browser.findElements(By.cssSelector(".quota-line"))).hasSizeGreaterThanOrEqualTo(5);
    PageShots.save(browser, "guest-empty");

    // Drag an OS icon onto the VM area: the create dialog opens for that OS.
    String name = "Lab " + UUID.randomUUID().toString().substring(0, 4) + " " + MARKUP;
    page.dragOsToVmArea("Demo Linux");
    WebElement nameField =
        page.waiting()
            .until(ExpectedConditions.visibilityOfElementLocated(By.id("create-form:vm-name")));
    assertThat(browser.findElement(By.id("create-form:create-os-name")).getText())
        .isEqualTo("Demo Linux");
    PageShots.save(browser, "guest-create-dialog");
    nameField.sendKeys(name);
    browser.findElement(By.id("create-form:create-vm")).click();
    page.awaitState(name, "RUNNING");
    page.awaitGrowl("is running");
    // The card was found by its name's text: the markup in it is shown, not run.

    // Three-dot menu, right-click menu, buttons.
    page.pickFromMenu(name, "menu-pause");
    page.awaitState(name, "PAUSED");
    assertThat(borderColour(page, name)).isEqualTo("rgba(245, 158, 11, 1)"); // amber
    page.pickFromContextMenu(name, "menu-resume");
    page.awaitState(name, "RUNNING");
    assertThat(borderColour(page, name)).isEqualTo("rgba(22, 163, 74, 1)"); // green
    page.pickFromMenu(name, "menu-hibernate");
    page.awaitState(name, "HIBERNATED");
    page.clickButton(name, "vm-start");
    page.awaitState(name, "RUNNING");
    page.pickFromContextMenu(name, "menu-force-stop");
    page.awaitState(name, "STOPPED");
    assertThat(borderColour(page, name)).isEqualTo("rgba(156, 163, 175, 1)"); // grey

    // Drag the stopped card onto the start zone; then follow its boot in the log dialog.
    page.dragToStartZone(name);
    page.awaitState(name, "RUNNING");
    page.clickButton(name, "vm-logs");
    page.waiting()
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("logs-form:log-text")));
    String hostname = name.toLowerCase().replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
    page.waiting()
        .until(
            d -> d.findElement(By.id("logs-form:log-text")).getText().contains("root@" + hostname));
    PageShots.save(browser, "guest-logs-dialog");
    browser.findElement(By.id("logs-form:log-text")).sendKeys(Keys.ESCAPE);
    page.waiting()
        .until(ExpectedConditions.invisibilityOfElementLocated(By.id("logs-form:log-text")));

    page.pickFromMenu(name, "menu-stop");
    page.awaitState(name, "STOPPED");

    // Snapshots: take one (markup in its name), boot a new VM from it, revert, delete.
    page.pickFromMenu(name, "menu-snapshots");
    WebElement snapshotName =
        page.waiting()
            .until(
                ExpectedConditions.visibilityOfElementLocated(
                    By.id("snapshots-form:snapshot-name")));
    snapshotName.sendKeys("snap " + MARKUP);
    browser.findElement(By.id("snapshots-form:take-snapshot")).click();
    page.waiting()
        .until(
            d ->
                d.findElements(By.cssSelector("#snapshots-form .snapshot-name")).stream()
                    .anyMatch(s -> s.getText().equals("snap " + MARKUP)));
    PageShots.save(browser, "guest-snapshots-dialog");
    String booted = "From snapshot " + UUID.randomUUID().toString().substring(0, 4);
    browser.findElement(By.id("snapshots-form:boot-name")).sendKeys(booted);
    browser.findElement(By.cssSelector("#snapshots-form .snapshot-boot")).click();
    page.awaitGrowl("is running");
    browser.findElement(By.cssSelector("#snapshots-form .snapshot-revert")).click();
    page.confirm();
    page.awaitGrowl("is back at");
    browser.findElement(By.cssSelector("#snapshots-form .snapshot-delete")).click();
    page.confirm();
    page.waiting()
        .until(d -> d.findElements(By.cssSelector("#snapshots-form .snapshot-name")).isEmpty());
    browser.findElement(By.id("snapshots-form:snapshot-name")).sendKeys(Keys.ESCAPE);
    page.awaitState(booted, "RUNNING");

    // The quota bars warn at the limit, and the create dialog offers no size that would not fit.
    setAcmeMaxVms(2);
    page.pickFromMenu(name, "menu-start");
    page.awaitState(name, "RUNNING");
    page.waiting()
        .until(
            d ->
                d.findElements(By.cssSelector(".quota-full .quota-warning")).stream()
                    .anyMatch(w -> w.getText().equals("limit reached")));
    page.osIcon("Demo Linux").sendKeys(Keys.ENTER); // the catalog works by keyboard
    page.waiting()
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("create-form:vm-name")));
    assertThat(browser.findElement(By.id("create-form:vm-size_input")).getAttribute("innerHTML"))
        .contains("(over quota)");
    browser.findElement(By.id("create-form:vm-name")).sendKeys("one too many");
    browser.findElement(By.id("create-form:create-vm")).click();
    page.awaitGrowl("would go over the quota for VMs");
    assertThat(browser.findElement(By.id("create-form:vm-name")).isDisplayed())
        .as("the dialog stays open for a correction")
        .isTrue();
    browser.findElement(By.id("create-form:vm-name")).sendKeys(Keys.ESCAPE);
    PageShots.save(browser, "guest-dashboard");

    // Rename and wipe through the menus; the other VM through its button.
    String renamed = name + " (renamed)";
    page.pickFromMenu(name, "menu-rename");
    WebElement renameField =
        page.waiting()
            .until(ExpectedConditions.visibilityOfElementLocated(By.id("rename-form:rename-name")));
    renameField.clear();
    renameField.sendKeys(renamed);
    browser.findElement(By.id("rename-form:rename-vm")).click();
    page.waiting().until(d -> page.card(renamed) != null);
    page.pickFromContextMenu(renamed, "menu-wipe");
    page.confirm();
    page.waiting().until(d -> page.card(renamed) == null);
    page.clickButton(booted, "vm-wipe");
    page.confirm();
    page.waiting().until(d -> page.card(booted) == null);
    page.waiting().until(d -> !d.findElements(By.cssSelector(".empty-state-box")).isEmpty());

    AdminCuratesCatalogIT.assertNoAlert(browser);
    assertThat(BrowserConsole.errors(browser)).as("JavaScript errors").isEmpty();

    // A phone's width: one column, nothing wider than the screen.
    browser.manage().window().setSize(new Dimension(390, 844));
    browser.navigate().refresh();
    new GuestDashboardPage(browser);
    assertThat(
            (Boolean)
                ((JavascriptExecutor) browser)
                    .executeScript(
                        "return document.documentElement.scrollWidth <= window.innerWidth;"))
        .as("no horizontal scrolling at 390 px")
        .isTrue();
    PageShots.save(browser, "guest-phone");
  }

  private static String borderColour(GuestDashboardPage page, String name) {
    return page.waiting()
        .until(
            d -> {
              WebElement card = page.card(name);
              return card == null ? null : card.getCssValue("border-left-color");
            });
  }

  static void wipeAll(ApiClient api) throws Exception {
    String list = api.get("vms").body();
    for (String part : list.split("\\{")) {
      Long id = part.contains("\"id\"") ? Json.number("{" + part, "id") : null;
      if (id != null) {
        HttpResponse<String> wiped = api.delete("vms/" + id);
        assertThat(wiped.statusCode()).as(wiped.body()).isIn(204, 404);
      }
    }
  }

  static void setAcmeMaxVms(int max) throws Exception {
    try (Connection db = Stack.database();
        PreparedStatement update =
            db.prepareStatement("UPDATE tenants SET max_vms = ? WHERE slug = 'acme'")) {
      update.setInt(1, max);
      update.executeUpdate();
    }
  }
}

package org.vmportal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vmportal.e2e.pages.GuestDashboardPage;
import org.vmportal.e2e.pages.PortalPage;
import org.vmportal.e2e.support.ApiClient;
import org.vmportal.e2e.support.BrowserExtension;
import org.vmportal.e2e.support.Json;
import org.vmportal.e2e.support.SeededVms;
import org.vmportal.e2e.support.Stack;

/**
 * The admin's all-VMs table: filters, sort and paging are answered by the server (a page of 50 out
 * of all VMs); two real VMs of two tenants are force-stopped and then wiped in bulk, and a running
 * VM's console opens from its row.
 */
@ExtendWith(BrowserExtension.class)
class AdminVmsIT {

  private final String prefix = "adm" + UUID.randomUUID().toString().substring(0, 6);

  @AfterEach
  void removeSeededRows() throws Exception {
    SeededVms.delete(prefix);
  }

  @Test
  void filterSortPageBulkStopWipeAndConsole(
      WebDriver adminsBrowser, WebDriver alicesBrowser, WebDriver carolsBrowser) throws Exception {
    ApiClient alice = ApiClient.signIn(alicesBrowser, "alice", "alice123", "guest-heading");
    ApiClient carol = ApiClient.signIn(carolsBrowser, "carol", "carol123", "guest-heading");
    List<Long> real = new ArrayList<>();
    try {
      real.add(create(alice, prefix + "-real-a"));
      real.add(create(carol, prefix + "-real-c"));
      // Rows only, written after the real VMs: they count against the tenants' quotas too.
      SeededVms.insert("alice", prefix, 60, "STOPPED");
      SeededVms.insert("carol", prefix + "c", 3, "ERROR");

      AdminVmsIT.open(adminsBrowser);
      WebDriver b = adminsBrowser;
      filterText(b, "col-name", prefix);
      awaitReport(b, "1-50 of 65 VMs");
      waiting(b).until(d -> rowNames(d).size() == 50);
      b.findElement(By.cssSelector("#vms-form\\:vms_paginator_bottom .ui-paginator-next")).click();
      awaitReport(b, "51-65 of 65 VMs");

      filterText(b, "col-owner", "carol");
      awaitReport(b, "1-4 of 4 VMs");
      waiting(b)
          .until(
              d ->
                  rowNames(d).stream()
                      .allMatch(n -> n.startsWith(prefix + "c-") || n.endsWith("real-c")));
      selectState(b, "ERROR");
      awaitReport(b, "1-3 of 3 VMs");
      selectState(b, null);
      filterText(b, "col-owner", "");

      sortBy(b, "col-name"); // ascending
      awaitFirstRow(b, prefix + "-00");
      sortBy(b, "col-name"); // descending
      awaitFirstRow(b, prefix + "c-02");

      filterText(b, "col-name", prefix + "-real");
      awaitReport(b, "1-2 of 2 VMs");
      awaitRowState(b, prefix + "-real-a", "RUNNING");
      awaitRowState(b, prefix + "-real-c", "RUNNING");

      // A running VM's console opens from its row, in a tab of its own.
      String table = b.getWindowHandle();
      rowOf(b, prefix + "-real-c").findElement(By.className("vm-console")).click();
      new WebDriverWait(b, GuestDashboardPage.WAIT).until(d -> d.getWindowHandles().size() == 2);
      String console =
          b.getWindowHandles().stream().filter(h -> !h.equals(table)).findFirst().orElseThrow();
      b.switchTo().window(console);
      new WebDriverWait(b, GuestDashboardPage.WAIT)
          .until(ExpectedConditions.textToBe(By.id("console-title"), prefix + "-real-c"));
      b.close();
      b.switchTo().window(table);

      selectAll(b);
      b.findElement(By.id("vms-form:bulk-force-stop")).click();
      confirm(b);
      awaitRowState(b, prefix + "-real-a", "STOPPED");
      awaitRowState(b, prefix + "-real-c", "STOPPED");
      assertThat(growl(b)).contains("Force-stopped 2 VMs.");

      selectAll(b);
      b.findElement(By.id("vms-form:bulk-wipe")).click();
      confirm(b);
      awaitReport(b, "No VM matches.");
      for (long id : real) {
        assertThat(alice.get("vms/" + id).statusCode()).isEqualTo(404);
      }
      real.clear();
      AdminCuratesCatalogIT.assertNoAlert(b);
    } finally {
      for (long id : real) {
        alice.delete("vms/" + id);
        carol.delete("vms/" + id);
      }
    }
  }

  /** Signs the admin in and opens the all-VMs page. */
  static void open(WebDriver b) {
    PortalPage.signIn(b, "/", "admin", "admin123", "admin-heading");
    b.get(Stack.portalUrl() + "/admin/vms.xhtml");
    new PortalPage(b, "vms-heading");
  }

  static long create(ApiClient api, String name) throws Exception {
    HttpResponse<String> created =
        VmIsolationAndQuotaIT.create(api, VmIsolationAndQuotaIT.demoLinuxId(api), name);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return Json.number(created.body(), "id");
  }

  static WebDriverWait waiting(WebDriver b) {
    WebDriverWait wait = new WebDriverWait(b, GuestDashboardPage.WAIT);
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  static void filterText(WebDriver b, String columnId, String text) {
    WebElement input =
        b.findElement(
            By.cssSelector("[id='vms-form:vms:" + columnId + "'] input.ui-column-filter"));
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    if (!text.isEmpty()) {
      input.sendKeys(text);
    }
  }

  static void selectState(WebDriver b, String state) {
    b.findElement(By.id("vms-form:vms:state-filter")).click();
    String label = state == null ? "Any" : state;
    waiting(b)
        .until(
            d ->
                d.findElements(By.cssSelector("#vms-form\\:vms\\:state-filter_items li")).stream()
                    .filter(li -> li.getText().equals(label) && li.isDisplayed())
                    .findFirst()
                    .map(
                        li -> {
                          li.click();
                          return true;
                        })
                    .orElse(false));
  }

  static void sortBy(WebDriver b, String columnId) {
    waiting(b)
        .until(
            d -> {
              d.findElement(By.id("vms-form:vms:" + columnId))
                  .findElement(By.className("ui-column-title"))
                  .click();
              return true;
            });
  }

  static void awaitReport(WebDriver b, String text) {
    waiting(b).until(d -> d.findElement(By.id("vms-form:vms")).getText().contains(text));
  }

  static void awaitFirstRow(WebDriver b, String name) {
    waiting(b)
        .until(
            d -> {
              List<String> names = rowNames(d); // once: a push may redraw the table between reads
              return !names.isEmpty() && names.get(0).equals(name);
            });
  }

  /** The names on the table's page; the push may redraw the table meanwhile (then: none). */
  static List<String> rowNames(WebDriver b) {
    try {
      return b.findElements(By.cssSelector("#vms-form\\:vms_data .vm-name")).stream()
          .map(WebElement::getText)
          .toList();
    } catch (StaleElementReferenceException redrawn) {
      return List.of();
    }
  }

  static WebElement rowOf(WebDriver b, String name) {
    return b.findElements(By.cssSelector("#vms-form\\:vms_data tr")).stream()
        .filter(
            tr ->
                tr.findElements(By.className("vm-name")).stream()
                    .anyMatch(n -> n.getText().equals(name)))
        .findFirst()
        .orElse(null);
  }

  /** Waits until the admin table (first page) shows the VM in the state. */
  static void awaitRowState(WebDriver b, String name, String state) {
    waiting(b)
        .until(
            d -> {
              WebElement row = rowOf(d, name);
              return row != null
                  && row.findElement(By.className("vm-state")).getText().equals(state);
            });
  }

  static void selectAll(WebDriver b) {
    waiting(b)
        .until(
            d -> {
              d.findElement(By.cssSelector("#vms-form\\:vms_head .ui-chkbox-box")).click();
              return d.findElements(By.cssSelector("#vms-form\\:vms_data tr.ui-state-highlight"))
                      .size()
                  == rowNames(d).size();
            });
  }

  static void confirm(WebDriver b) {
    waiting(b)
        .until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes")))
        .click();
  }

  static String growl(WebDriver b) {
    return waiting(b)
        .until(
            d -> {
              String text =
                  d.findElements(By.cssSelector(".ui-growl-message")).stream()
                      .map(WebElement::getText)
                      .reduce("", (x, y) -> x + "\n" + y);
              return text.isBlank() ? null : text;
            });
  }
}

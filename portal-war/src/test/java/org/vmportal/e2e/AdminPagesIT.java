package org.vmportal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.vmportal.e2e.pages.PortalPage;
import org.vmportal.e2e.support.ApiClient;
import org.vmportal.e2e.support.BrowserConsole;
import org.vmportal.e2e.support.BrowserExtension;
import org.vmportal.e2e.support.Json;
import org.vmportal.e2e.support.PageShots;
import org.vmportal.e2e.support.Stack;

/**
 * Every admin page opens without a script error, at 1280x800 and at a phone's width; the overview
 * counts and charts the platform; the logs page filters the audit trail and exports it as CSV; a VM
 * name with markup (or a spreadsheet formula) is shown and exported as plain text everywhere.
 */
@ExtendWith(BrowserExtension.class)
class AdminPagesIT {

  private static final String[] PAGES = {"index", "isos", "images", "vms", "logs", "sessions"};

  @Test
  void everyAdminPageAndTheLogExport(WebDriver admin, WebDriver alicesBrowser) throws Exception {
    ApiClient alice = ApiClient.signIn(alicesBrowser, "alice", "alice123", "guest-heading");
    String marker = UUID.randomUUID().toString().substring(0, 6);
    String name = "=HYPERLINK(\"x\") <img src=x onerror=alert(1)> '" + marker + "'";
    HttpResponse<String> created =
        VmIsolationAndQuotaIT.create(alice, VmIsolationAndQuotaIT.demoLinuxId(alice), name);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    long vmId = Json.number(created.body(), "id");
    try {
      PortalPage.signIn(admin, "/", "admin", "admin123", "admin-heading");
      for (String page : PAGES) {
        admin.get(Stack.portalUrl() + "/admin/" + page + ".xhtml");
        new PortalPage(admin, "nav-overview");
        assertThat(BrowserConsole.errors(admin)).as("script errors on " + page).isEmpty();
        PageShots.save(admin, "admin-" + page);
      }

      admin.get(Stack.portalUrl() + "/admin/index.xhtml");
      new PortalPage(admin, "admin-heading");
      assertThat(admin.findElement(By.id("iso-count")).getText()).containsPattern("[1-9]");
      assertThat(admin.findElement(By.id("image-count")).getText()).containsPattern("[1-9]");
      assertThat(admin.findElement(By.id("vm-states")).getText()).contains("RUNNING");
      assertThat(admin.findElements(By.cssSelector("#charts-form canvas"))).hasSize(3);
      assertThat(admin.findElement(By.id("charts-form:hosts")).getText()).contains("local");
      assertThat(admin.findElement(By.id("audit-form:recent-audit")).getText()).contains(name);

      admin.get(Stack.portalUrl() + "/admin/vms.xhtml");
      new PortalPage(admin, "vms-heading");
      AdminVmsIT.awaitRowState(admin, name, "RUNNING");

      // Logs: the VM's own trail by id, then by user and action; and the CSV of that selection.
      admin.get(Stack.portalUrl() + "/admin/logs.xhtml");
      new PortalPage(admin, "logs-heading");
      admin.findElement(By.id("logs-form:filter-vm")).sendKeys(Long.toString(vmId));
      admin.findElement(By.id("logs-form:filter-user")).sendKeys("alice");
      admin.findElement(By.id("logs-form:apply-filters")).click();
      AdminVmsIT.waiting(admin)
          .until(
              d -> {
                String table = d.findElement(By.id("logs-form:events")).getText();
                return table.contains("VM_CREATED") && table.contains("1-1 of 1 events");
              });
      assertThat(admin.findElement(By.cssSelector("#logs-form .event-detail")).getText())
          .startsWith(name);
      PageShots.save(admin, "admin-logs-filtered");
      String csv = exportCsv(admin);
      assertThat(csv.lines().findFirst().orElse(""))
          .isEqualTo(
              "time_utc,actor,tenant_id,action,target_type,target_id,outcome,client_address,detail");
      assertThat(csv.lines().count()).isEqualTo(2);
      assertThat(csv)
          .contains("\"alice\"")
          .contains("\"VM_CREATED\"")
          .contains("\"'=HYPERLINK(\"\"x\"\") <img src=x onerror=alert(1)> '" + marker + "'");

      // A phone's width: every admin page fits without sideways scrolling.
      admin.manage().window().setSize(new Dimension(390, 844));
      for (String page : PAGES) {
        admin.get(Stack.portalUrl() + "/admin/" + page + ".xhtml");
        new PortalPage(admin, "nav-overview");
        assertThat(
                (Boolean)
                    ((JavascriptExecutor) admin)
                        .executeScript(
                            "return document.documentElement.scrollWidth <= window.innerWidth;"))
            .as(page + " fits 390 px")
            .isTrue();
      }
      PageShots.save(admin, "admin-vms-phone");
      AdminCuratesCatalogIT.assertNoAlert(admin);
      assertThat(BrowserConsole.errors(admin)).isEmpty();
    } finally {
      alice.delete("vms/" + vmId);
    }
  }

  /** Submits the logs form's export button as the browser would, and reads the download. */
  private static String exportCsv(WebDriver admin) {
    WebElement form = admin.findElement(By.id("logs-form"));
    assertThat(form).isNotNull();
    return (String)
        ((JavascriptExecutor) admin)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "const form = document.getElementById('logs-form');"
                    + "const body = new URLSearchParams(new FormData(form));"
                    + "body.append('logs-form:export-csv', '');"
                    + "fetch(form.action, {method: 'POST', body: body})"
                    + ".then(r => r.text()).then(done);");
  }
}

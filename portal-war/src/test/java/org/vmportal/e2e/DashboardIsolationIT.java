package org.vmportal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.vmportal.e2e.pages.GuestDashboardPage;
import org.vmportal.e2e.pages.PortalPage;
import org.vmportal.e2e.support.ApiClient;
import org.vmportal.e2e.support.BrowserExtension;
import org.vmportal.e2e.support.Json;
import org.vmportal.e2e.support.Stack;

/**
 * Bob (tenant demo) tampers with his dashboard to reach Carol's VM (tenant acme): he sends her VM's
 * id through the page's own action requests (start, force stop, hibernate, wipe) and dialog
 * requests (rename, snapshots, logs), and an unknown OS through its create request, opens the admin
 * pages and her VM's console by address. Each is refused in plain words, her VM is untouched, the
 * refusals are audited, and nothing of hers appears on his pages.
 */
@ExtendWith(BrowserExtension.class)
class DashboardIsolationIT {

  @Test
  void aGuestNeverReachesAnotherTenantsVmThroughThePages(WebDriver bobsBrowser, WebDriver carols)
      throws Exception {
    ApiClient carol = ApiClient.signIn(carols, "carol", "carol123", "guest-heading");
    String secret = "carol-secret-" + UUID.randomUUID().toString().substring(0, 6);
    HttpResponse<String> created =
        VmIsolationAndQuotaIT.create(carol, VmIsolationAndQuotaIT.demoLinuxId(carol), secret);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    long vmId = Json.number(created.body(), "id");
    try {
      assertThat(carol.post("vms/" + vmId + "/pause").statusCode()).isEqualTo(200);

      PortalPage.signIn(bobsBrowser, "/", "bob", "bob123", "guest-heading");
      GuestDashboardPage page = new GuestDashboardPage(bobsBrowser);
      JavascriptExecutor js = (JavascriptExecutor) bobsBrowser;

      // The page's own requests, with Carol's VM id and a made-up OS id put in by hand.
      for (String action : new String[] {"start", "force-stop", "hibernate", "wipe"}) {
        js.executeScript(
            "vmAction([{name: 'vmId', value: arguments[0]}, {name: 'action', value: arguments[1]}]);",
            Long.toString(vmId),
            action);
        page.awaitGrowl("There is no such VM.");
        dismissGrowls(bobsBrowser);
      }
      for (String dialog : new String[] {"openRename", "openSnapshots", "openLogs"}) {
        js.executeScript(dialog + "([{name: 'vmId', value: arguments[0]}]);", Long.toString(vmId));
        page.awaitGrowl("There is no such VM.");
        dismissGrowls(bobsBrowser);
      }
      js.executeScript("createDroppedVm([{name: 'imageId', value: '999999'}]);");
      page.awaitGrowl("There is no such OS in the catalog.");
      assertThat(carol.get("vms/" + vmId).body()).contains("\"state\":\"PAUSED\"");
      assertThat(refusalsBy("bob", vmId)).isGreaterThanOrEqualTo(4);
      assertThat(bobsBrowser.getPageSource()).doesNotContain(secret);

      for (String adminPage : new String[] {"index", "vms", "logs", "sessions"}) {
        bobsBrowser.get(Stack.portalUrl() + "/admin/" + adminPage + ".xhtml");
        assertThat(new PortalPage(bobsBrowser, "forbidden").text("forbidden")).contains("403");
        assertThat(bobsBrowser.getPageSource()).doesNotContain(secret);
      }

      bobsBrowser.get(Stack.portalUrl() + "/console.xhtml?vm=" + vmId + "&kind=desktop");
      new PortalPage(bobsBrowser, "console-unavailable");
      assertThat(bobsBrowser.findElement(By.id("console-unavailable")).getText())
          .doesNotContain(secret);
      AdminCuratesCatalogIT.assertNoAlert(bobsBrowser);
    } finally {
      carol.delete("vms/" + vmId);
    }
  }

  /** Removes the growl's messages, so the next wait sees only the next answer. */
  private static void dismissGrowls(WebDriver browser) {
    ((JavascriptExecutor) browser)
        .executeScript(
            "document.querySelectorAll('.ui-growl-item-container').forEach(e => e.remove());");
  }

  private static int refusalsBy(String actor, long vmId) throws Exception {
    try (Connection db = Stack.database();
        PreparedStatement q =
            db.prepareStatement(
                "SELECT COUNT(*) FROM audit_events WHERE actor = ? AND outcome = 'REFUSED'"
                    + " AND target_type = 'vm' AND target_id = ?")) {
      q.setString(1, actor);
      q.setString(2, Long.toString(vmId));
      try (ResultSet r = q.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }
}

package org.vmportal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vmportal.e2e.support.ApiClient;
import org.vmportal.e2e.support.BrowserExtension;
import org.vmportal.e2e.support.Json;
import org.vmportal.e2e.support.Stack;

/**
 * A running VM nobody has used for longer than the idle time (60 minutes) is hibernated, and a VM
 * unused for longer than the expiry age (30 days) is wiped; both are audited. The test moves the
 * VMs' last activity into the past instead of waiting.
 */
@ExtendWith(BrowserExtension.class)
class IdleAndExpiredVmsIT {

  private static final Duration WAIT = Duration.ofSeconds(120);

  @Test
  void idleVmsHibernateAndExpiredVmsAreWiped(WebDriver browser) throws Exception {
    ApiClient alice = ApiClient.signIn(browser, "alice", "alice123", "guest-heading");
    long image = VmIsolationAndQuotaIT.demoLinuxId(alice);
    long idle = create(alice, image, "idle");
    long expired = create(alice, image, "expired");
    long busy = create(alice, image, "busy");
    try {
      lastUsed(idle, "NOW(3) - INTERVAL 2 HOUR");
      lastUsed(expired, "NOW(3) - INTERVAL 40 DAY");

      new WebDriverWait(browser, WAIT)
          .pollingEvery(Duration.ofSeconds(2))
          .until(
              d -> state(alice, idle).equals("HIBERNATED") && state(alice, expired).equals("gone"));
      assertThat(state(alice, busy)).isEqualTo("RUNNING");
      assertThat(audited("VM_IDLE_HIBERNATED", idle)).isTrue();
      assertThat(audited("VM_EXPIRED", expired)).isTrue();

      // Woken by its owner, it counts as used again.
      assertThat(alice.post("vms/" + idle + "/start").statusCode()).isEqualTo(200);
      assertThat(state(alice, idle)).isEqualTo("RUNNING");
    } finally {
      for (long id : new long[] {idle, expired, busy}) {
        alice.delete("vms/" + id);
      }
    }
  }

  private static long create(ApiClient api, long image, String prefix) throws Exception {
    HttpResponse<String> created =
        VmIsolationAndQuotaIT.create(
            api, image, prefix + "-" + UUID.randomUUID().toString().substring(0, 6));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return Json.number(created.body(), "id");
  }

  private static String state(ApiClient api, long vmId) {
    try {
      HttpResponse<String> vm = api.get("vms/" + vmId);
      return vm.statusCode() == 404 ? "gone" : Json.string(vm.body(), "state");
    } catch (Exception e) {
      return "";
    }
  }

  private static void lastUsed(long vmId, String when) throws Exception {
    try (Connection db = Stack.database();
        PreparedStatement update =
            db.prepareStatement("UPDATE vms SET last_activity_at = " + when + " WHERE id = ?")) {
      update.setLong(1, vmId);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }

  private static boolean audited(String action, long vmId) throws Exception {
    try (Connection db = Stack.database();
        PreparedStatement select =
            db.prepareStatement(
                "SELECT COUNT(*) FROM audit_events WHERE action = ? AND target_id = ?")) {
      select.setString(1, action);
      select.setString(2, Long.toString(vmId));
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1) > 0;
      }
    }
  }
}

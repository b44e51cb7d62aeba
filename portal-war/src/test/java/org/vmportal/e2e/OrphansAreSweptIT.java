package org.vmportal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.vmportal.e2e.support.Audit;
import org.vmportal.e2e.support.BrowserExtension;
import org.vmportal.e2e.support.Json;
import org.vmportal.e2e.support.Stack;

/**
 * Nothing is orphaned: a running domain and overlay whose VM row vanished, an overlay file nobody
 * owns, a serial log and host-name medium of a domain long gone, and a VM left CREATING by a portal
 * that stopped mid-create are all cleaned up by the periodic reconciliation after its grace period
 * (60 s), and each removal is audited.
 */
@ExtendWith(BrowserExtension.class)
class OrphansAreSweptIT {

  private static final Duration WAIT = Duration.ofSeconds(180);

  @Test
  void orphanedDomainsOverlaysAndHalfMadeVmsAreRemoved(WebDriver browser) throws Exception {
    ApiClient alice = ApiClient.signIn(browser, "alice", "alice123", "guest-heading");
    Path overlays = Stack.stateDir().resolve("storage/overlays");

    // A running VM whose row is lost (as if its database record were restored from an old backup).
    HttpResponse<String> created =
        VmIsolationAndQuotaIT.create(
            alice, VmIsolationAndQuotaIT.demoLinuxId(alice), "orphan-" + suffix());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    long lostId = Json.number(created.body(), "id");
    String lostDomain = GuestCreatesVmIT.domainOf(Json.string(created.body(), "name"));
    sql("DELETE FROM vms WHERE id = " + lostId);

    // An overlay file nobody owns.
    String strayVolume = "vm-" + suffix() + suffix() + ".qcow2";
    Path stray = overlays.resolve(strayVolume);
    Process qemuImg =
        new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", stray.toString(), "1M")
            .inheritIO()
            .start();
    assertThat(qemuImg.waitFor()).isZero();

    // A serial log (and a rotated part) of a domain that no longer exists anywhere.
    String strayLogDomain = "vm-" + suffix() + suffix();
    Path logs = Stack.stateDir().resolve("storage/logs");
    Path strayLog = logs.resolve(strayLogDomain + ".serial.log");
    Path strayRotated = logs.resolve(strayLogDomain + ".serial.log.0");
    Files.writeString(strayLog, "boot output of a VM long gone\n");
    Files.writeString(strayRotated, "older boot output\n");
    // And the host-name medium it was handed when it took a spare.
    Path strayMedium =
        Stack.stateDir().resolve("storage/hostnames/" + strayLogDomain + ".hostname");
    Files.write(strayMedium, new byte[2048]);

    // A VM left CREATING ten minutes ago by a portal that stopped in the middle.
    String halfMade = "vm-" + suffix() + suffix();
    long halfMadeId = insertCreatingRow(halfMade);

    new WebDriverWait(browser, WAIT)
        .pollingEvery(Duration.ofSeconds(2))
        .until(
            d ->
                virshSays(lostDomain, "failed to get domain")
                    && !Files.exists(overlays.resolve(lostDomain + ".qcow2"))
                    && !Files.exists(stray)
                    && !Files.exists(strayLog)
                    && !Files.exists(strayRotated)
                    && !Files.exists(strayMedium)
                    && count("SELECT COUNT(*) FROM vms WHERE id = " + halfMadeId) == 0);

    assertThat(Audit.actions("ORPHAN_DOMAIN_REMOVED", lostDomain)).isPositive();
    assertThat(Audit.actions("ORPHAN_OVERLAY_REMOVED", strayVolume)).isPositive();
    assertThat(Audit.actions("ORPHAN_LOG_REMOVED", strayLogDomain + ".serial.log")).isPositive();
    assertThat(Audit.actions("ORPHAN_HOSTNAME_MEDIUM_REMOVED", strayLogDomain + ".hostname"))
        .isPositive();
    assertThat(Audit.actions("VM_CREATE_ABANDONED", Long.toString(halfMadeId))).isPositive();
  }

  private static String suffix() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
  }

  private static boolean virshSays(String domain, String text) {
    try {
      return AdminCuratesCatalogIT.virsh("domstate", domain).contains(text);
    } catch (Exception e) {
      return false;
    }
  }

  private static long insertCreatingRow(String domain) throws Exception {
    try (Connection db = Stack.database();
        PreparedStatement insert =
            db.prepareStatement(
                "INSERT INTO vms (tenant_id, owner_id, host_id, base_image_id, name, domain_name,"
                    + " state, vcpus, memory_mib, disk_gib, overlay_volume, vnc_password,"
                    + " created_at, updated_at)"
                    + " SELECT u.tenant_id, u.id, (SELECT MIN(id) FROM hosts),"
                    + " (SELECT MIN(id) FROM base_images WHERE state = 'SEALED'), ?, ?, 'CREATING',"
                    + " 1, 128, 1, ?, 'x', NOW(3) - INTERVAL 10 MINUTE, NOW(3) - INTERVAL 10 MINUTE"
                    + " FROM users u WHERE u.username = 'alice'",
                PreparedStatement.RETURN_GENERATED_KEYS)) {
      insert.setString(1, "half-made-" + domain.substring(3, 9));
      insert.setString(2, domain);
      insert.setString(3, domain + ".qcow2");
      assertThat(insert.executeUpdate()).isEqualTo(1);
      try (ResultSet keys = insert.getGeneratedKeys()) {
        assertThat(keys.next()).isTrue();
        return keys.getLong(1);
      }
    }
  }

  private static void sql(String statement) throws Exception {
    try (Connection db = Stack.database();
        PreparedStatement update = db.prepareStatement(statement)) {
      update.executeUpdate();
    }
  }

  private static long count(String query) {
    try (Connection db = Stack.database();
        PreparedStatement select = db.prepareStatement(query);
        ResultSet row = select.executeQuery()) {
      row.next();
      return row.getLong(1);
    } catch (Exception e) {
      return -1;
    }
  }
}

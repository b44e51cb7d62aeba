package org.vmportal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebDriver;
import org.vmportal.e2e.support.ApiClient;
import org.vmportal.e2e.support.Audit;
import org.vmportal.e2e.support.BrowserExtension;
import org.vmportal.e2e.support.Json;
import org.vmportal.e2e.support.Stack;

/**
 * A VM whose QEMU is killed is marked ERROR, with the reason, without anyone asking; a VM left
 * STARTING or STOPPING by an operation that never finished takes the state libvirt reports.
 */
@ExtendWith(BrowserExtension.class)
class VmCrashIsDetectedIT {

  @Test
  void killedQemuMarksTheVmErrorWithAReason(WebDriver browser) throws Exception {
    ApiClient alice = ApiClient.signIn(browser, "alice", "alice123", "guest-heading");
    HttpResponse<String> created =
        VmIsolationAndQuotaIT.create(alice, VmIsolationAndQuotaIT.demoLinuxId(alice), "crash-me");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    long vmId = Json.number(created.body(), "id");
    try {
      String domain = GuestCreatesVmIT.domainOf("crash-me");
      long pid =
          Long.parseLong(Files.readString(Path.of("/run/libvirt/qemu/" + domain + ".pid")).strip());
      assertThat(new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor()).isZero();
      long killedAt = System.nanoTime();

      String vm = "";
      while (System.nanoTime() - killedAt < 60_000_000_000L) {
        vm = alice.get("vms/" + vmId).body();
        if (vm.contains("\"state\":\"ERROR\"")) {
          break;
        }
        Thread.sleep(250);
      }
      assertThat(vm).contains("\"state\":\"ERROR\"");
      assertThat(Json.string(vm, "stateReason")).startsWith("The VM stopped unexpectedly");
      System.out.printf(
          "[VmCrashIsDetectedIT] marked ERROR %.1f s after kill -9%n",
          (System.nanoTime() - killedAt) / 1e9);
    } finally {
      assertThat(alice.delete("vms/" + vmId).statusCode()).isEqualTo(204);
    }
  }

  @Test
  void aVmLeftStartingOrStoppingSettlesOnWhatLibvirtReports(WebDriver browser) throws Exception {
    ApiClient alice = ApiClient.signIn(browser, "alice", "alice123", "guest-heading");
    HttpResponse<String> created =
        VmIsolationAndQuotaIT.create(alice, VmIsolationAndQuotaIT.demoLinuxId(alice), "stuck");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    long vmId = Json.number(created.body(), "id");
    try {
      // As a portal that died in the middle of a start, then of a stop, would leave the row.
      for (String stuck : new String[] {"STARTING", "STOPPING"}) {
        long settledBefore = Audit.actions("VM_STATE_RECONCILED", Long.toString(vmId));
        try (Connection db = Stack.database();
            PreparedStatement update =
                db.prepareStatement("UPDATE vms SET state = ? WHERE id = ?")) {
          update.setString(1, stuck);
          update.setLong(2, vmId);
          assertThat(update.executeUpdate()).isEqualTo(1);
        }
        String vm = "";
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
          vm = alice.get("vms/" + vmId).body();
          if (vm.contains("\"state\":\"RUNNING\"")) {
            break;
          }
          Thread.sleep(500);
        }
        assertThat(vm).as("left %s", stuck).contains("\"state\":\"RUNNING\"");
        // The state is committed a moment before its audit line.
        long audited = settledBefore;
        for (long until = System.nanoTime() + 10_000_000_000L;
            audited <= settledBefore && System.nanoTime() < until;
            Thread.sleep(200)) {
          audited = Audit.actionsQuietly("VM_STATE_RECONCILED", Long.toString(vmId));
        }
        assertThat(audited).as("settling %s is audited", stuck).isGreaterThan(settledBefore);
      }
    } finally {
      assertThat(alice.delete("vms/" + vmId).statusCode()).isEqualTo(204);
    }
  }
}

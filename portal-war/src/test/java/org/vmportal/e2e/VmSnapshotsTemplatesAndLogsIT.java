package org.vmportal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmportal.e2e.VmIsolationAndQuotaIT.create;
import static org.vmportal.e2e.VmIsolationAndQuotaIT.demoLinuxId;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebDriver;
import org.vmportal.e2e.support.ApiClient;
import org.vmportal.e2e.support.BrowserExtension;
import org.vmportal.e2e.support.GuestShell;
import org.vmportal.e2e.support.Json;
import org.vmportal.e2e.support.Stack;

/**
 * Snapshots keep a running guest's memory and disk, a new VM boots from one, templates create VMs
 * of a saved shape within a tenant, and each VM's serial and QEMU logs can be read: all through the
 * API, on real demo-OS guests, and refused to anyone else.
 */
@ExtendWith(BrowserExtension.class)
class VmSnapshotsTemplatesAndLogsIT {

  /**
   * Writes a marker to a sector the demo OS never uses (its disk is not mounted) and to RAM. The
   * disk appears a moment after the prompt (its driver loads in the background): wait for it.
   */
  private static String writeMarkers(int n) {
    return "while [ ! -b /dev/vda ]; do sleep 1; done;"
        + " echo DISK-$((40+"
        + n
        + ")) | dd of=/dev/vda bs=512 seek=60000 conv=sync 2>/dev/null; sync;"
        + " echo MEM-$((40+"
        + n
        + ")) > /tmp/m; echo WROTE-$((100+"
        + n
        + "))";
  }

  /** Prints {@code <tag>-<memory marker>-<disk marker>}, once the disk is there. */
  private static String readMarkers(String tag) {
    return "while [ ! -b /dev/vda ]; do sleep 1; done; echo "
        + tag
        + "-$(cat /tmp/m 2>/dev/null || echo NOMEM)-$(dd if=/dev/vda bs=512 skip=60000 count=1"
        + " 2>/dev/null | head -c 7)";
  }

  @Test
  void aSnapshotKeepsMemoryAndDiskAndANewVmBootsFromIt(
      WebDriver alicesBrowser, WebDriver bobsBrowser, WebDriver carolsBrowser) throws Exception {
    ApiClient alice = ApiClient.signIn(alicesBrowser, "alice", "alice123", "guest-heading");
    ApiClient bob = ApiClient.signIn(bobsBrowser, "bob", "bob123", "guest-heading");
    ApiClient carol = ApiClient.signIn(carolsBrowser, "carol", "carol123", "guest-heading");
    List<Long> vms = new ArrayList<>();
    try {
      HttpResponse<String> created = create(alice, demoLinuxId(alice), "snap-source");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      long vmId = Json.number(created.body(), "id");
      vms.add(vmId);
      GuestShell source = GuestShell.awaitPrompt(alice, vmId, "snap-source");
      source.type(writeMarkers(1), "WROTE-101");

      HttpResponse<String> wrongKind =
          alice.postJson("vms/" + vmId + "/snapshots", "{\"name\":\"cold\",\"kind\":\"disk\"}");
      assertThat(wrongKind.statusCode()).as(wrongKind.body()).isEqualTo(409);
      assertThat(Json.string(wrongKind.body(), "error")).contains("needs").contains("stopped");

      HttpResponse<String> taken =
          alice.postJson(
              "vms/" + vmId + "/snapshots",
              "{\"name\":\"before <the> change\",\"kind\":\"disk-and-memory\"}");
      assertThat(taken.statusCode()).as(taken.body()).isEqualTo(201);
      long snapshotId = Json.number(taken.body(), "id");
      assertThat(Json.string(taken.body(), "kind")).isEqualTo("DISK_AND_MEMORY");
      assertThat(Json.number(taken.body(), "sizeBytes")).as("saved memory counted").isPositive();
      assertThat(alice.get("vms/" + vmId + "/snapshots").body()).contains("before <the> change");

      HttpResponse<String> duplicate =
          alice.postJson("vms/" + vmId + "/snapshots", "{\"name\":\"before <the> change\"}");
      assertThat(duplicate.statusCode()).as(duplicate.body()).isEqualTo(409);

      source.type(writeMarkers(2), "WROTE-102");
      source.type(readMarkers("NOW"), "NOW-MEM-42-DISK-42");

      HttpResponse<String> reverted =
          alice.post("vms/" + vmId + "/snapshots/" + snapshotId + "/revert");
      assertThat(reverted.statusCode()).as(reverted.body()).isEqualTo(200);
      assertThat(Json.string(reverted.body(), "state")).isEqualTo("RUNNING");
      source.type(readMarkers("AFTER"), "AFTER-MEM-41-DISK-41");

      for (ApiClient intruder : List.of(bob, carol)) {
        String base = "vms/" + vmId + "/snapshots";
        for (HttpResponse<String> attempt :
            List.of(
                intruder.get(base),
                intruder.postJson(base, "{\"name\":\"mine now\"}"),
                intruder.post(base + "/" + snapshotId + "/revert"),
                intruder.postJson(base + "/" + snapshotId + "/boot", "{\"name\":\"stolen\"}"),
                intruder.delete(base + "/" + snapshotId),
                intruder.get("vms/" + vmId + "/logs/serial"),
                intruder.get("vms/" + vmId + "/logs/qemu"))) {
          assertThat(attempt.statusCode()).as(attempt.body()).isEqualTo(404);
          assertThat(attempt.body()).doesNotContain("before").doesNotContain("DISK-4");
        }
      }

      HttpResponse<String> booted =
          alice.postJson(
              "vms/" + vmId + "/snapshots/" + snapshotId + "/boot", "{\"name\":\"from-snap\"}");
      assertThat(booted.statusCode()).as(booted.body()).isEqualTo(201);
      long copyId = Json.number(booted.body(), "id");
      vms.add(copyId);
      assertThat(Json.string(booted.body(), "state")).isEqualTo("RUNNING");
      GuestShell copy = GuestShell.awaitPrompt(alice, copyId, "from-snap");
      // The disk is the snapshot's; the memory is a fresh boot's.
      copy.type(readMarkers("COPY"), "COPY-NOMEM-DISK-41");

      HttpResponse<String> otherVmsSnapshot =
          alice.post("vms/" + copyId + "/snapshots/" + snapshotId + "/revert");
      assertThat(otherVmsSnapshot.statusCode()).isEqualTo(404);

      setSnapshotQuota("alice", 0L);
      HttpResponse<String> overQuota =
          alice.postJson("vms/" + vmId + "/snapshots", "{\"name\":\"one too many\"}");
      assertThat(overQuota.statusCode()).as(overQuota.body()).isEqualTo(413);
      assertThat(Json.string(overQuota.body(), "error")).contains("quota for snapshot storage");
      setSnapshotQuota("alice", null);

      assertThat(alice.delete("vms/" + vmId + "/snapshots/" + snapshotId).statusCode())
          .isEqualTo(204);
      assertThat(alice.get("vms/" + vmId + "/snapshots").body()).isEqualTo("[]");

      HttpResponse<String> qemuLog = alice.get("vms/" + vmId + "/logs/qemu");
      assertThat(qemuLog.statusCode()).as(qemuLog.body()).isEqualTo(200);
      assertThat(qemuLog.body()).contains("qemu-system-x86_64");
      assertThat(alice.get("vms/" + vmId + "/logs/kernel").statusCode()).isEqualTo(400);
    } finally {
      setSnapshotQuota("alice", null);
      for (long id : vms) {
        alice.delete("vms/" + id);
      }
    }
  }

  @Test
  void templatesCreateVmsOfTheirShapeWithinTheirTenantOnly(
      WebDriver alicesBrowser, WebDriver bobsBrowser, WebDriver carolsBrowser) throws Exception {
    ApiClient alice = ApiClient.signIn(alicesBrowser, "alice", "alice123", "guest-heading");
    ApiClient bob = ApiClient.signIn(bobsBrowser, "bob", "bob123", "guest-heading");
    ApiClient carol = ApiClient.signIn(carolsBrowser, "carol", "carol123", "guest-heading");
    long imageId = demoLinuxId(alice);
    String shape = ",\"baseImageId\":" + imageId + ",\"vcpus\":1,\"memoryMib\":160}";

    HttpResponse<String> tooBig =
        alice.postJson(
            "templates",
            "{\"name\":\"huge\",\"baseImageId\":" + imageId + ",\"vcpus\":99,\"memoryMib\":160}");
    assertThat(tooBig.statusCode()).as(tooBig.body()).isEqualTo(400);
    HttpResponse<String> saved = alice.postJson("templates", "{\"name\":\"small demo\"" + shape);
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
    long templateId = Json.number(saved.body(), "id");
    Long vmId = null;
    try {
      assertThat(alice.postJson("templates", "{\"name\":\"Small Demo\"" + shape).statusCode())
          .isEqualTo(409);
      assertThat(bob.get("templates").body()).contains("small demo");
      assertThat(carol.get("templates").body()).doesNotContain("small demo");

      HttpResponse<String> created =
          alice.postJson("templates/" + templateId + "/vms", "{\"name\":\"from-template\"}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      vmId = Json.number(created.body(), "id");
      assertThat(Json.number(created.body(), "memoryMib")).isEqualTo(160);
      assertThat(Json.number(created.body(), "vcpus")).isEqualTo(1);

      HttpResponse<String> carolsTry =
          carol.postJson("templates/" + templateId + "/vms", "{\"name\":\"x\"}");
      assertThat(carolsTry.statusCode()).isEqualTo(404);
      assertThat(carol.delete("templates/" + templateId).statusCode()).isEqualTo(404);
      HttpResponse<String> bobsTry = bob.delete("templates/" + templateId);
      assertThat(bobsTry.statusCode()).as(bobsTry.body()).isEqualTo(403);
    } finally {
      if (vmId != null) {
        alice.delete("vms/" + vmId);
      }
      assertThat(alice.delete("templates/" + templateId).statusCode()).isEqualTo(204);
    }
    assertThat(alice.get("templates").body()).doesNotContain("small demo");
  }

  private static void setSnapshotQuota(String username, Long gib) throws Exception {
    try (Connection db = Stack.database();
        PreparedStatement update =
            db.prepareStatement("UPDATE users SET max_snapshot_gib = ? WHERE username = ?")) {
      update.setObject(1, gib);
      update.setString(2, username);
      update.executeUpdate();
    }
  }
}

package org.vmportal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmportal.e2e.VmIsolationAndQuotaIT.create;
import static org.vmportal.e2e.VmIsolationAndQuotaIT.demoLinuxId;
import static org.vmportal.e2e.VmIsolationAndQuotaIT.post;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebDriver;
import org.vmportal.e2e.support.ApiClient;
import org.vmportal.e2e.support.BrowserExtension;
import org.vmportal.e2e.support.Json;
import org.vmportal.e2e.support.Stack;

/**
 * New VMs go to the host with the most free memory that is not drained, and are refused with a
 * clear message when no host has room. The second host is a row naming the same libvirt daemon
 * under another URI (one machine here): placement is what is tested, not a second hypervisor.
 */
@ExtendWith(BrowserExtension.class)
class HostPlacementIT {

  @Test
  void placementPrefersFreeMemoryAndSkipsDrainedHosts(
      WebDriver adminsBrowser, WebDriver alicesBrowser) throws Exception {
    ApiClient admin = ApiClient.signIn(adminsBrowser, "admin", "admin123", "admin-heading");
    ApiClient alice = ApiClient.signIn(alicesBrowser, "alice", "alice123", "guest-heading");
    long imageId = demoLinuxId(alice);
    long local = hostId("local");
    long roomier = insertHost("it-roomier-same-daemon", "qemu:///system?it=roomier", 32768);
    List<Long> vms = new ArrayList<>();
    try {
      assertThat(admin.get("hosts").body())
          .contains("it-roomier-same-daemon")
          .contains("\"drained\":false");
      HttpResponse<String> guestsTry = post(alice, "hosts/" + local + "/drain");
      assertThat(guestsTry.statusCode()).as(guestsTry.body()).isEqualTo(403);
      assertThat(alice.get("hosts").statusCode()).isEqualTo(403);

      vms.add(createdId(create(alice, imageId, "placed-1")));
      assertThat(hostOf(vms.get(0))).as("the host with more free memory").isEqualTo(roomier);

      HttpResponse<String> drained = post(admin, "hosts/" + roomier + "/drain");
      assertThat(drained.statusCode()).as(drained.body()).isEqualTo(200);
      assertThat(Json.string(drained.body(), "name")).isEqualTo("it-roomier-same-daemon");
      vms.add(createdId(create(alice, imageId, "placed-2")));
      assertThat(hostOf(vms.get(1))).as("the drained host is skipped").isEqualTo(local);

      assertThat(post(admin, "hosts/" + local + "/drain").statusCode()).isEqualTo(200);
      HttpResponse<String> noRoom = create(alice, imageId, "nowhere");
      assertThat(noRoom.statusCode()).as(noRoom.body()).isEqualTo(409);
      assertThat(Json.string(noRoom.body(), "error")).contains("No host has 128 MiB");
      assertThat(post(admin, "hosts/" + local + "/undrain").statusCode()).isEqualTo(200);
      assertThat(admin.get("hosts").body()).contains("\"poweredOn\":");
    } finally {
      for (long vm : vms) {
        alice.delete("vms/" + vm);
      }
      try (Connection db = Stack.database();
          Statement sql = db.createStatement()) {
        sql.executeUpdate("UPDATE hosts SET drained = FALSE WHERE name = 'local'");
        sql.executeUpdate("DELETE FROM hosts WHERE id = " + roomier);
      }
    }
  }

  private static long createdId(HttpResponse<String> created) {
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return Json.number(created.body(), "id");
  }

  private static long hostId(String name) throws Exception {
    try (Connection db = Stack.database();
        PreparedStatement query = db.prepareStatement("SELECT id FROM hosts WHERE name = ?")) {
      query.setString(1, name);
      try (ResultSet row = query.executeQuery()) {
        assertThat(row.next()).isTrue();
        return row.getLong(1);
      }
    }
  }

  private static long hostOf(long vmId) throws Exception {
    try (Connection db = Stack.database();
        PreparedStatement query = db.prepareStatement("SELECT host_id FROM vms WHERE id = ?")) {
      query.setLong(1, vmId);
      try (ResultSet row = query.executeQuery()) {
        assertThat(row.next()).isTrue();
        return row.getLong(1);
      }
    }
  }

  private static long insertHost(String name, String uri, long memoryMib) throws Exception {
    try (Connection db = Stack.database();
        PreparedStatement insert =
            db.prepareStatement(
                "INSERT INTO hosts (name, uri, max_vcpus, max_memory_mib) VALUES (?, ?, 64, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
      insert.setString(1, name);
      insert.setString(2, uri);
      insert.setLong(3, memoryMib);
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        assertThat(keys.next()).isTrue();
        return keys.getLong(1);
      }
    }
  }
}

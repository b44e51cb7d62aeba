package org.vmportal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebDriver;
import org.vmportal.e2e.support.ApiClient;
import org.vmportal.e2e.support.BrowserExtension;
import org.vmportal.e2e.support.Json;
import org.vmportal.e2e.support.Stack;

/**
 * What may not be deleted: an ISO while a base image is built from it, and a base image while
 * anything uses it. The refusal says why, in numbers.
 */
@ExtendWith(BrowserExtension.class)
class CatalogDeletionRulesIT {

  static long demoIsoId() throws Exception {
    try (Connection db = Stack.database();
        Statement q = db.createStatement();
        ResultSet row =
            q.executeQuery(
                "SELECT id FROM isos WHERE name = 'demo-linux.iso' AND tenant_id IS NULL")) {
      assertThat(row.next()).as("the seeded demo ISO").isTrue();
      return row.getLong(1);
    }
  }

  @Test
  void anIsoBeingInstalledFromAndABaseImageInUseCannotBeDeleted(WebDriver browser)
      throws Exception {
    ApiClient admin = ApiClient.signIn(browser, "admin", "admin123", "admin-heading");
    long isoId = demoIsoId();
    String name = "rules-" + UUID.randomUUID().toString().substring(0, 8);

    HttpResponse<String> built =
        admin.postJson(
            "base-images",
            "{\"isoId\":"
                + isoId
                + ",\"name\":\""
                + name
                + "\",\"osName\":\"Demo Linux\",\"osVersion\":\"rules\",\"diskGib\":1}");
    assertThat(built.statusCode()).as(built.body()).isEqualTo(201);
    long imageId = Json.number(built.body(), "id");

    HttpResponse<String> isoDelete = admin.delete("isos/" + isoId);
    assertThat(isoDelete.statusCode()).isEqualTo(409);
    assertThat(Json.string(isoDelete.body(), "error"))
        .isEqualTo(
            "\u201cdemo-linux.iso\u201d cannot be deleted while the base image \u201c"
                + name
                + "\u201d is being built from it.");

    // A VM row on the image blocks its deletion (written directly: a real VM would boot for
    // seconds).
    long vmId = insertVmOn(imageId);
    try {
      HttpResponse<String> imageDelete = admin.delete("base-images/" + imageId);
      assertThat(imageDelete.statusCode()).isEqualTo(409);
      assertThat(Json.string(imageDelete.body(), "error"))
          .isEqualTo(
              "\u201c"
                  + name
                  + "\u201d cannot be deleted: 1 VM, 0 snapshots and 0 templates use it.");
    } finally {
      deleteVm(vmId);
    }
    assertThat(admin.delete("base-images/" + imageId).statusCode()).isEqualTo(204);
    assertThat(admin.get("isos").body()).contains("demo-linux.iso");
  }

  @Test
  void buildRequestsAreChecked(WebDriver browser) throws Exception {
    ApiClient admin = ApiClient.signIn(browser, "admin", "admin123", "admin-heading");
    long isoId = demoIsoId();
    assertRefused(
        admin.postJson(
            "base-images",
            "{\"isoId\":"
                + isoId
                + ",\"name\":\"x\",\"osName\":\"x\",\"osVersion\":\"1\",\"diskGib\":0}"),
        400,
        "The disk size must be between 1 and 2048 GiB.");
    assertRefused(
        admin.postJson(
            "base-images",
            "{\"isoId\":999999,\"name\":\"x\",\"osName\":\"x\",\"osVersion\":\"1\",\"diskGib\":1}"),
        404,
        "There is no such ISO.");
    assertRefused(
        admin.postJson(
            "base-images",
            "{\"isoId\":"
                + isoId
                + ",\"name\":\"Demo Linux\",\"osName\":\"x\",\"osVersion\":\"1\",\"diskGib\":1}"),
        409,
        "A base image named \u201cDemo Linux\u201d already exists.");
    assertRefused(
        admin.postJson(
            "base-images",
            "{\"isoId\":"
                + isoId
                + ",\"name\":\"\",\"osName\":\"x\",\"osVersion\":\"1\",\"diskGib\":1}"),
        400,
        "The base image's name is required.");
  }

  static void assertRefused(HttpResponse<String> response, int status, String error) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(Json.string(response.body(), "error")).isEqualTo(error);
  }

  static long insertVmOn(long imageId) throws Exception {
    try (Connection db = Stack.database()) {
      try (Statement s = db.createStatement()) {
        // The row the portal creates at a demo member's first sign-in, in case none signed in yet.
        s.executeUpdate("INSERT IGNORE INTO tenants (slug, display_name) VALUES ('demo', 'demo')");
      }
      String suffix = UUID.randomUUID().toString().substring(0, 8);
      try (PreparedStatement insert =
          db.prepareStatement(
              "INSERT INTO vms (tenant_id, owner_id, host_id, base_image_id, name, domain_name,"
                  + " state, vcpus, memory_mib, disk_gib, overlay_volume, vnc_password)"
                  + " SELECT t.id, u.id, h.id, ?, 'rules-vm', ?, 'STOPPED', 1, 128, 1, ?, 'x'"
                  + " FROM users u, hosts h, tenants t"
                  + " WHERE u.username = 'admin' AND h.name = 'local' AND t.slug = 'demo'",
              Statement.RETURN_GENERATED_KEYS)) {
        insert.setLong(1, imageId);
        insert.setString(2, "rules-" + suffix);
        insert.setString(3, "rules-" + suffix + ".qcow2");
        assertThat(insert.executeUpdate()).isEqualTo(1);
        try (ResultSet keys = insert.getGeneratedKeys()) {
          keys.next();
          return keys.getLong(1);
        }
      }
    }
  }

  static void deleteVm(long vmId) throws Exception {
    try (Connection db = Stack.database();
        PreparedStatement delete = db.prepareStatement("DELETE FROM vms WHERE id = ?")) {
      delete.setLong(1, vmId);
      delete.executeUpdate();
    }
  }
}

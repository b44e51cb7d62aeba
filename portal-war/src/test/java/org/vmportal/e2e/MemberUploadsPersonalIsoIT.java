package org.vmportal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebDriver;
import org.vmportal.e2e.support.ApiClient;
import org.vmportal.e2e.support.BrowserExtension;
import org.vmportal.e2e.support.Json;
import org.vmportal.e2e.support.Stack;
import org.vmportal.e2e.support.TestImages;

/**
 * Carol's tenant (acme) allows personal ISOs: her upload counts against acme's storage quota, and
 * nobody in another tenant sees or deletes it. (The tenant setting is written to the database here;
 * its page arrives with tenant administration.)
 */
@ExtendWith(BrowserExtension.class)
class MemberUploadsPersonalIsoIT {

  @AfterEach
  void restoreAcme() throws Exception {
    setAcme(false, 500);
  }

  /** Sets acme's switch and storage quota; acme's row exists once a member signed in. */
  static int setAcme(boolean allow, long maxDiskGib) throws Exception {
    try (Connection db = Stack.database();
        PreparedStatement update =
            db.prepareStatement(
                "UPDATE tenants SET allow_personal_isos = ?, max_disk_gib = ? WHERE slug = 'acme'")) {
      update.setBoolean(1, allow);
      update.setLong(2, maxDiskGib);
      return update.executeUpdate();
    }
  }

  static HttpResponse<String> upload(ApiClient api, String name, byte[] file) throws Exception {
    HttpResponse<String> begin =
        api.postJson(
            "uploads",
            "{\"kind\":\"ISO\",\"fileName\":"
                + Json.quote(name)
                + ",\"sizeBytes\":"
                + file.length
                + "}");
    if (begin.statusCode() != 201) {
      return begin;
    }
    return api.putChunk(Json.string(begin.body(), "uploadId"), file, 0, file.length);
  }

  @Test
  void carolsIsoIsHersAloneAndCountsAgainstHerTenantsQuota(
      WebDriver carolsBrowser, WebDriver alicesBrowser) throws Exception {
    ApiClient carol = ApiClient.signIn(carolsBrowser, "carol", "carol123", "guest-heading");
    assertThat(setAcme(true, 1)).as("acme's row, made at carol's sign-in").isEqualTo(1);
    HttpResponse<String> stored = upload(carol, "carol.iso", TestImages.iso(200_000));
    assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
    long isoId = Json.number(stored.body(), "resultId");
    assertThat(carol.get("isos").body()).contains("carol.iso").contains("\"personal\":true");

    // 1 GiB quota: another 1 GiB does not fit.
    HttpResponse<String> tooBig =
        carol.postJson(
            "uploads", "{\"kind\":\"ISO\",\"fileName\":\"big.iso\",\"sizeBytes\":1073741824}");
    assertThat(tooBig.statusCode()).isEqualTo(413);
    assertThat(Json.string(tooBig.body(), "error")).contains("exceed your tenant's storage quota");

    // Alice, of tenant demo, neither sees nor deletes it.
    ApiClient alice = ApiClient.signIn(alicesBrowser, "alice", "alice123", "guest-heading");
    assertThat(alice.get("isos").body()).doesNotContain("carol.iso");
    HttpResponse<String> deleteByAlice = alice.delete("isos/" + isoId);
    assertThat(deleteByAlice.statusCode()).isEqualTo(404);
    assertThat(Json.string(deleteByAlice.body(), "error")).isEqualTo("There is no such ISO.");

    assertThat(carol.delete("isos/" + isoId).statusCode()).isEqualTo(204);
  }
}

package org.vmportal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebDriver;
import org.vmportal.e2e.support.ApiClient;
import org.vmportal.e2e.support.BrowserExtension;
import org.vmportal.e2e.support.Json;

/** A guest whose tenant forbids personal ISOs cannot upload, import or touch the admin catalog. */
@ExtendWith(BrowserExtension.class)
class GuestCannotUploadToCatalogIT {

  @Test
  void aliceIsRefusedEveryAdminCatalogAction(WebDriver browser) throws Exception {
    ApiClient alice = ApiClient.signIn(browser, "alice", "alice123", "guest-heading");

    HttpResponse<String> iso =
        alice.postJson("uploads", "{\"kind\":\"ISO\",\"fileName\":\"x.iso\",\"sizeBytes\":100000}");
    assertThat(iso.statusCode()).isEqualTo(403);
    assertThat(Json.string(iso.body(), "error"))
        .isEqualTo("Your tenant does not allow personal ISO uploads.");

    HttpResponse<String> qcow2 =
        alice.postJson(
            "uploads",
            "{\"kind\":\"QCOW2\",\"fileName\":\"x.qcow2\",\"sizeBytes\":100000,"
                + "\"baseImageName\":\"mine\",\"osName\":\"x\",\"osVersion\":\"1\"}");
    assertThat(qcow2.statusCode()).isEqualTo(403);
    assertThat(Json.string(qcow2.body(), "error"))
        .isEqualTo("Only platform admins can import base images.");

    assertThat(alice.get("base-images").statusCode()).isEqualTo(403);
    assertThat(alice.post("base-images/1/seal").statusCode()).isEqualTo(403);
    assertThat(alice.delete("base-images/1").statusCode()).isEqualTo(403);
    // The platform catalog's ISOs are not hers to delete; she is told there is no such ISO.
    assertThat(alice.delete("isos/1").statusCode()).isEqualTo(404);
  }
}

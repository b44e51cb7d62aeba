package org.vmportal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.vmportal.e2e.support.ApiClient;
import org.vmportal.e2e.support.BrowserExtension;
import org.vmportal.e2e.support.Json;
import org.vmportal.e2e.support.Stack;

/**
 * How a session's end reaches VMs and the portal: a tenant may ask that signing out stops its
 * members' VMs (off by default), and a session Keycloak ends (expiry, or an admin's "sign out")
 * ends the portal session within its check interval (30 s).
 */
@ExtendWith(BrowserExtension.class)
class SessionEndIT {

  /** The demo OS ignores ACPI: the stop is forced after the 30 s stop timeout. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(120);

  private static final Duration SESSION_CHECK_WAIT = Duration.ofSeconds(120);

  @Test
  void signingOutStopsVmsOnlyWhereTheTenantAsksForIt(
      WebDriver alicesBrowser, WebDriver carolsBrowser) throws Exception {
    ApiClient alice = ApiClient.signIn(alicesBrowser, "alice", "alice123", "guest-heading");
    ApiClient carol = ApiClient.signIn(carolsBrowser, "carol", "carol123", "guest-heading");
    long alicesVm =
        created(
            VmIsolationAndQuotaIT.create(
                alice, VmIsolationAndQuotaIT.demoLinuxId(alice), "stays-on"));
    long carolsVm =
        created(
            VmIsolationAndQuotaIT.create(
                carol, VmIsolationAndQuotaIT.demoLinuxId(carol), "stops-at-sign-out"));
    setStopAtSignOut("acme", true);
    try {
      for (WebDriver browser : new WebDriver[] {alicesBrowser, carolsBrowser}) {
        browser.get(Stack.portalUrl() + "/guest/index.xhtml");
        browser.findElement(By.id("logout")).click();
      }
      long deadline = System.nanoTime() + STOP_WAIT.toNanos();
      while (!state(carolsVm).equals("STOPPED") && System.nanoTime() < deadline) {
        Thread.sleep(1000);
      }
      assertThat(state(carolsVm)).as("acme stops VMs at sign-out").isEqualTo("STOPPED");
      assertThat(state(alicesVm)).as("demo keeps them running (the default)").isEqualTo("RUNNING");
    } finally {
      setStopAtSignOut("acme", false);
      ApiClient aliceAgain = ApiClient.signIn(alicesBrowser, "alice", "alice123", "guest-heading");
      ApiClient carolAgain = ApiClient.signIn(carolsBrowser, "carol", "carol123", "guest-heading");
      aliceAgain.delete("vms/" + alicesVm);
      carolAgain.delete("vms/" + carolsVm);
    }
  }

  @Test
  void aSessionEndedInKeycloakEndsThePortalSession(WebDriver bobsBrowser) throws Exception {
    ApiClient bob = ApiClient.signIn(bobsBrowser, "bob", "bob123", "guest-heading");
    assertThat(bob.get("vms").statusCode()).isEqualTo(200);

    keycloakAdmin("POST", "/users/" + keycloakUserId("bob") + "/logout");

    long deadline = System.nanoTime() + SESSION_CHECK_WAIT.toNanos();
    int status = 200;
    while (status == 200 && System.nanoTime() < deadline) {
      Thread.sleep(2000);
      status = bob.get("vms").statusCode();
    }
    assertThat(status)
        .as("bob's portal session after Keycloak ended his session")
        .isNotEqualTo(200);
  }

  private static long created(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return Json.number(response.body(), "id");
  }

  private static String state(long vmId) throws Exception {
    try (Connection db = Stack.database();
        PreparedStatement query = db.prepareStatement("SELECT state FROM vms WHERE id = ?")) {
      query.setLong(1, vmId);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? row.getString(1) : "GONE";
      }
    }
  }

  private static void setStopAtSignOut(String tenant, boolean stop) throws Exception {
    try (Connection db = Stack.database();
        PreparedStatement update =
            db.prepareStatement("UPDATE tenants SET stop_vms_on_logout = ? WHERE slug = ?")) {
      update.setBoolean(1, stop);
      update.setString(2, tenant);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }

  private static String keycloakUserId(String username) throws Exception {
    String users = keycloakAdmin("GET", "/users?exact=true&username=" + username);
    return Json.string(users, "id");
  }

  /** One call to Keycloak's admin REST API on the vmportal realm, as the bootstrap admin. */
  private static String keycloakAdmin(String method, String path) throws Exception {
    String form =
        "grant_type=password&client_id=admin-cli&username=kcadmin&password="
            + URLEncoder.encode("kcadmin", StandardCharsets.UTF_8);
    HttpResponse<String> token =
        Stack.httpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            Stack.keycloakUrl() + "/realms/master/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
    HttpResponse<String> answer =
        Stack.httpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(Stack.keycloakUrl() + "/admin/realms/vmportal" + path))
                    .header("Authorization", "Bearer " + Json.string(token.body(), "access_token"))
                    .method(method, HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 204);
    return answer.body();
  }
}

package org.vmportal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebDriver;
import org.vmportal.e2e.support.ApiClient;
import org.vmportal.e2e.support.BrowserExtension;
import org.vmportal.e2e.support.Json;
import org.vmportal.e2e.support.Stack;

/**
 * Nobody but a VM's owner (or a platform admin) reaches it, whatever id they send; and a tenant's
 * VM quota holds when twenty creates race.
 */
@ExtendWith(BrowserExtension.class)
class VmIsolationAndQuotaIT {

  @AfterEach
  void restoreDemoQuota() throws Exception {
    setDemoMaxVms(20);
  }

  static void setDemoMaxVms(int max) throws Exception {
    try (Connection db = Stack.database();
        PreparedStatement update =
            db.prepareStatement("UPDATE tenants SET max_vms = ? WHERE slug = 'demo'")) {
      update.setInt(1, max);
      update.executeUpdate();
    }
  }

  static long demoLinuxId(ApiClient api) throws Exception {
    String catalog = api.get("vms/catalog").body();
    assertThat(catalog).contains("Demo Linux");
    return Json.number(
        catalog.substring(catalog.lastIndexOf("{", catalog.indexOf("Demo Linux"))), "id");
  }

  static HttpResponse<String> create(ApiClient api, long imageId, String name) throws Exception {
    return api.postJson(
        "vms",
        "{\"baseImageId\":"
            + imageId
            + ",\"name\":"
            + Json.quote(name)
            + ",\"vcpus\":1,\"memoryMib\":128}");
  }

  @Test
  void anotherUsersOrTenantsVmIsNotFoundForEveryOperation(
      WebDriver alicesBrowser, WebDriver bobsBrowser, WebDriver carolsBrowser) throws Exception {
    ApiClient alice = ApiClient.signIn(alicesBrowser, "alice", "alice123", "guest-heading");
    ApiClient bob = ApiClient.signIn(bobsBrowser, "bob", "bob123", "guest-heading");
    ApiClient carol = ApiClient.signIn(carolsBrowser, "carol", "carol123", "guest-heading");
    HttpResponse<String> created = create(alice, demoLinuxId(alice), "alice-private");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    long vmId = Json.number(created.body(), "id");
    try {
      for (ApiClient intruder : List.of(bob, carol)) {
        for (HttpResponse<String> attempt :
            List.of(
                intruder.get("vms/" + vmId),
                intruder.post("vms/" + vmId + "/start"),
                intruder.post("vms/" + vmId + "/stop"),
                intruder.post("vms/" + vmId + "/pause"),
                intruder.post("vms/" + vmId + "/resume"),
                intruder.post("vms/" + vmId + "/hibernate"),
                intruder.post("vms/" + vmId + "/force-stop"),
                intruder.postJson("vms/" + vmId + "/rename", "{\"name\":\"taken\"}"),
                intruder.postJson("vms/" + vmId + "/console-tickets", "{\"kind\":\"desktop\"}"),
                intruder.postJson("vms/" + vmId + "/console-tickets", "{\"kind\":\"terminal\"}"),
                intruder.delete("vms/" + vmId))) {
          assertThat(attempt.statusCode()).as(attempt.body()).isEqualTo(404);
          assertThat(attempt.body()).doesNotContain("alice-private");
        }
        assertThat(intruder.get("vms").body()).doesNotContain("alice-private");
      }
      assertThat(alice.get("vms/" + vmId).body()).contains("alice-private").contains("RUNNING");
      assertThat(refusalsAudited(vmId)).isGreaterThanOrEqualTo(20);
    } finally {
      assertThat(alice.delete("vms/" + vmId).statusCode()).isEqualTo(204);
    }
  }

  @Test
  void twentyConcurrentCreatesAgainstAQuotaOfFiveGiveFive(WebDriver browser) throws Exception {
    ApiClient alice = ApiClient.signIn(browser, "alice", "alice123", "guest-heading");
    long imageId = demoLinuxId(alice);
    for (String vm : existingVmIds(alice)) {
      alice.delete("vms/" + vm);
    }
    setDemoMaxVms(5);
    ExecutorService pool = Executors.newFixedThreadPool(20);
    List<Long> created = new ArrayList<>();
    try {
      List<Future<HttpResponse<String>>> results = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String name = "race-" + i;
        results.add(
            pool.submit((Callable<HttpResponse<String>>) () -> create(alice, imageId, name)));
      }
      int refused = 0;
      for (Future<HttpResponse<String>> result : results) {
        HttpResponse<String> response = result.get();
        if (response.statusCode() == 201) {
          created.add(Json.number(response.body(), "id"));
        } else {
          assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
          assertThat(Json.string(response.body(), "error")).contains("quota for VMs: 6 of 5");
          refused++;
        }
      }
      assertThat(created).hasSize(5);
      assertThat(refused).isEqualTo(15);
    } finally {
      pool.shutdownNow();
      for (long id : created) {
        alice.delete("vms/" + id);
      }
    }
  }

  @Test
  void concurrentCreatesOfTwoTenantsEachGetAConsolePortOfTheirOwn(
      WebDriver alicesBrowser, WebDriver carolsBrowser) throws Exception {
    ApiClient alice = ApiClient.signIn(alicesBrowser, "alice", "alice123", "guest-heading");
    ApiClient carol = ApiClient.signIn(carolsBrowser, "carol", "carol123", "guest-heading");
    long imageId = demoLinuxId(alice);
    // Not the spares' shape: every create picks a serial port, under a different tenant's lock.
    String shape = ",\"vcpus\":1,\"memoryMib\":160}";
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Future<HttpResponse<String>>> results = new ArrayList<>();
    List<ApiClient> owners = new ArrayList<>();
    List<HttpResponse<String>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < 6; i++) {
        ApiClient owner = i % 2 == 0 ? alice : carol;
        String body = "{\"baseImageId\":" + imageId + ",\"name\":\"port-" + i + "\"" + shape;
        owners.add(owner);
        results.add(pool.submit(() -> owner.postJson("vms", body)));
      }
      for (Future<HttpResponse<String>> result : results) {
        answers.add(result.get());
      }
      List<Long> ids = new ArrayList<>();
      for (HttpResponse<String> answer : answers) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        ids.add(Json.number(answer.body(), "id"));
      }
      assertThat(serialPorts(ids)).doesNotHaveDuplicates().hasSize(6);
    } finally {
      pool.shutdownNow();
      for (int i = 0; i < answers.size(); i++) {
        if (answers.get(i).statusCode() == 201) {
          owners.get(i).delete("vms/" + Json.number(answers.get(i).body(), "id"));
        }
      }
    }
  }

  private static List<Integer> serialPorts(List<Long> vmIds) throws Exception {
    List<Integer> ports = new ArrayList<>();
    try (Connection db = Stack.database();
        PreparedStatement query = db.prepareStatement("SELECT serial_port FROM vms WHERE id = ?")) {
      for (long id : vmIds) {
        query.setLong(1, id);
        try (ResultSet row = query.executeQuery()) {
          assertThat(row.next()).isTrue();
          ports.add(row.getInt(1));
        }
      }
    }
    return ports;
  }

  static List<String> existingVmIds(ApiClient api) throws Exception {
    List<String> ids = new ArrayList<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"id\":(\\d+)").matcher(api.get("vms").body());
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  static int refusalsAudited(long vmId) throws Exception {
    try (Connection db = Stack.database();
        PreparedStatement q =
            db.prepareStatement(
                "SELECT COUNT(*) FROM audit_events WHERE target_type = 'vm' AND target_id = ?"
                    + " AND outcome = 'REFUSED' AND actor IN ('bob', 'carol')")) {
      q.setString(1, Long.toString(vmId));
      try (ResultSet row = q.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    }
  }
}

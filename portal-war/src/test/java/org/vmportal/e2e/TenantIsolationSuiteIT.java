package org.vmportal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vmportal.e2e.support.ApiClient;
import org.vmportal.e2e.support.Audit;
import org.vmportal.e2e.support.BrowserExtension;
import org.vmportal.e2e.support.Json;
import org.vmportal.e2e.support.Stack;

/**
 * The counted proof that tenants stay apart: every action a guest or a tenant admin can take (REST,
 * pages, tampered Faces postbacks, console tickets), tried against another user and another tenant,
 * and every privilege escalation a guest or tenant admin could try. Each case must be refused with
 * 403 or 404, leak none of the victim's data, and add a refusal to the audit trail. The count goes
 * to {@code target/isolation-suite.txt} and {@code docs/security.md}; add a case with every new
 * action.
 */
@ExtendWith(BrowserExtension.class)
class TenantIsolationSuiteIT {

  /** One attempt: who, what, and the answer a refusal must have. */
  private record Case(String actor, String description, int[] statuses, Attempt attempt) {}

  /** Runs an attempt and returns the HTTP status and body it got. */
  private interface Attempt {
    Answer run() throws Exception;
  }

  private record Answer(int status, String body) {}

  private final List<Case> cases = new ArrayList<>();
  private final java.util.Map<String, List<String>> secrets = new java.util.HashMap<>();

  @Test
  void everyCrossUserCrossTenantAndEscalationAttemptIsRefusedAndAudited(
      WebDriver alicesBrowser,
      WebDriver bobsBrowser,
      WebDriver carolsBrowser,
      WebDriver davesBrowser)
      throws Exception {
    ApiClient alice = ApiClient.signIn(alicesBrowser, "alice", "alice123", "guest-heading");
    ApiClient bob = ApiClient.signIn(bobsBrowser, "bob", "bob123", "guest-heading");
    ApiClient carol = ApiClient.signIn(carolsBrowser, "carol", "carol123", "guest-heading");
    ApiClient dave = ApiClient.signIn(davesBrowser, "dave", "dave123", "guest-heading");
    WebDriver erinsBrowser = BrowserExtension.start(BrowserExtension.chromeOptions());
    WebDriver adminsBrowser = BrowserExtension.start(BrowserExtension.chromeOptions());
    long vmId = -1;
    long templateId = -1;
    try {
      ApiClient erin = ApiClient.signIn(erinsBrowser, "erin", "erin123", "guest-heading");
      ApiClient admin = ApiClient.signIn(adminsBrowser, "admin", "admin123", "admin-heading");
      long demo = tenantId("demo");
      long acme = tenantId("acme");
      String bobsSubject = databaseSubject("bob");
      String carolsSubject = databaseSubject("carol");
      String erinsSubject = databaseSubject("erin");
      String adminsSubject = databaseSubject("admin");

      HttpResponse<String> created =
          VmIsolationAndQuotaIT.create(
              alice, VmIsolationAndQuotaIT.demoLinuxId(alice), "alice-isolated");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      vmId = Json.number(created.body(), "id");
      HttpResponse<String> snapshot =
          alice.postJson("vms/" + vmId + "/snapshots", "{\"name\":\"alice-snapshot\"}");
      assertThat(snapshot.statusCode()).as(snapshot.body()).isEqualTo(201);
      long snapshotId = Json.number(snapshot.body(), "id");
      HttpResponse<String> template =
          alice.postJson(
              "templates",
              "{\"name\":\"alice-template\",\"baseImageId\":"
                  + VmIsolationAndQuotaIT.demoLinuxId(alice)
                  + ",\"vcpus\":1,\"memoryMib\":128}");
      assertThat(template.statusCode()).as(template.body()).isEqualTo(201);
      templateId = Json.number(template.body(), "id");
      // What each side must never see of the other: names, addresses, the VM, console secrets.
      secrets.put(
          "demo",
          List.of(
              "alice-isolated",
              "alice-snapshot",
              "carol@acme",
              "erin@acme",
              "Danvers",
              "Acme-Admin",
              "5900"));
      secrets.put(
          "acme",
          List.of(
              "alice-isolated",
              "alice-snapshot",
              "alice-template",
              "alice@demo",
              "bob@demo",
              "Liddell",
              "Builder",
              "Demo-Admin",
              "5900"));

      // 1. Every VM operation and both console tickets, by another guest of the same tenant, a
      // guest of another tenant, the tenant's own admin (admins manage members, not their VMs) and
      // another tenant's admin.
      for (var intruder :
          List.of(
              named("bob", bob), named("carol", carol), named("dave", dave), named("erin", erin))) {
        vmCases(intruder.name(), intruder.api(), vmId, snapshotId);
      }
      // Templates: another tenant's are not there; a fellow guest may use but not delete them.
      String t = "templates/" + templateId;
      for (var outsider : List.of(named("carol", carol), named("erin", erin))) {
        api(
            outsider.name(),
            "creates a VM from alice's template",
            404,
            () -> outsider.api().postJson(t + "/vms", "{\"name\":\"x\"}"));
        api(outsider.name(), "deletes alice's template", 404, () -> outsider.api().delete(t));
      }
      api("bob", "deletes alice's template", 403, () -> bob.delete(t));
      // Hosts are platform-admin business.
      for (var notAdmin :
          List.of(named("alice", alice), named("dave", dave), named("erin", erin))) {
        api(notAdmin.name(), "lists hosts", 403, () -> notAdmin.api().get("hosts"));
        api(notAdmin.name(), "drains a host", 403, () -> notAdmin.api().post("hosts/1/drain"));
        api(
            notAdmin.name(),
            "adds a host",
            403,
            () ->
                notAdmin
                    .api()
                    .postJson(
                        "hosts",
                        "{\"name\":\"mine\",\"uri\":\"qemu:///system\",\"maxVcpus\":1,"
                            + "\"maxMemoryMib\":1024}"));
        api(notAdmin.name(), "removes a host", 403, () -> notAdmin.api().delete("hosts/1"));
      }

      // 2. Escalation: guests call every tenant-admin and platform-admin operation.
      for (var guest : List.of(named("alice", alice), named("carol", carol))) {
        adminCases(guest.name(), guest.api(), demo, bobsSubject, 403);
        adminCases(guest.name(), guest.api(), acme, carolsSubject, 403);
      }

      // 3. Tenant admins across tenants: the other tenant and its members do not exist for them.
      adminCases("dave", dave, acme, carolsSubject, 404);
      adminCases("erin", erin, demo, bobsSubject, 404);
      memberCases(
          "dave", dave, adminsSubject, 404); // a platform admin is out of a tenant admin's reach
      memberCases("erin", erin, adminsSubject, 404);

      // 4. Tenant admins escalating inside their own tenant.
      escalationCases("dave", dave, demo, acme, bobsSubject);
      escalationCases("erin", erin, acme, demo, erinsSubject);

      // 5. Pages: admin pages a guest or tenant admin may not open, and another tenant's page.
      for (String guest : List.of("alice", "carol")) {
        ApiClient api = guest.equals("alice") ? alice : carol;
        for (String page : List.of("users", "tenants", "index", "isos", "images", "sessions")) {
          pageCase(guest, api, "/admin/" + page + ".xhtml", 403);
        }
      }
      for (var tenantAdmin : List.of(named("dave", dave), named("erin", erin))) {
        for (String page : List.of("index", "isos", "images", "sessions")) {
          pageCase(tenantAdmin.name(), tenantAdmin.api(), "/admin/" + page + ".xhtml", 403);
        }
      }
      pageCase("dave", dave, "/admin/users.xhtml?tenant=" + acme, 404);
      pageCase("erin", erin, "/admin/users.xhtml?tenant=" + demo, 404);

      // 6. Console tickets: alice's ticket presented by others on the console WebSocket.
      String ticket =
          Json.string(
              alice.postJson("vms/" + vmId + "/console-tickets", "{\"kind\":\"desktop\"}").body(),
              "ticket");
      for (var other : List.of(named("bob", bobsBrowser), named("carol", carolsBrowser))) {
        WebDriver browser = other.api();
        cases.add(
            new Case(
                other.name(),
                "opens alice's console ticket on the tunnel",
                new int[] {403},
                () -> {
                  String answer = GuestUsesConsoleIT.tunnel(browser, ticket);
                  return new Answer(answer.contains("issued to someone else") ? 403 : 200, answer);
                }));
      }

      // 7. Tampered Faces postbacks: another tenant's ids in the edit dialogs' hidden fields.
      facesCases("dave", davesBrowser, "bob", carolsSubject, acme);
      facesCases("erin", erinsBrowser, "erin", bobsSubject, demo);

      int passed = 0;
      List<String> failures = new ArrayList<>();
      for (Case c : cases) {
        long refusalsBefore = Audit.refusals(c.actor());
        Answer answer = c.attempt().run();
        long refusalsAfter = Audit.refusals(c.actor());
        String problem = judge(c, answer, refusalsAfter - refusalsBefore);
        if (problem == null) {
          passed++;
        } else {
          failures.add(c.actor() + " " + c.description() + ": " + problem);
        }
      }
      String report =
          "Tenant isolation suite: "
              + cases.size()
              + " cases tried, "
              + passed
              + " refused and audited\n";
      System.out.print(report);
      Files.createDirectories(Path.of("target"));
      Files.writeString(
          Path.of("target", "isolation-suite.txt"), report + String.join("\n", describe()));
      assertThat(failures).isEmpty();
      assertThat(passed).isEqualTo(cases.size()).isGreaterThanOrEqualTo(150);
      // Nothing was changed by any of it.
      assertThat(alice.get("vms/" + vmId).body()).contains("alice-isolated").contains("RUNNING");
      assertThat(admin.get("members/" + carolsSubject).body())
          .contains("\"enabled\":true")
          .contains("guest");
    } finally {
      if (templateId > 0) {
        alice.delete("templates/" + templateId);
      }
      if (vmId > 0) {
        alice.delete("vms/" + vmId);
      }
      erinsBrowser.quit();
      adminsBrowser.quit();
    }
  }

  private List<String> describe() {
    return cases.stream().map(c -> c.actor() + ": " + c.description()).toList();
  }

  private String judge(Case c, Answer answer, long newRefusals) {
    boolean statusOk = false;
    for (int status : c.statuses()) {
      statusOk |= answer.status() == status;
    }
    if (!statusOk) {
      return "answered " + answer.status() + " " + cut(answer.body());
    }
    String side = List.of("carol", "erin").contains(c.actor()) ? "acme" : "demo";
    for (String secret : secrets.get(side)) {
      if (answer.body().contains(secret)) {
        return "leaked \"" + secret + "\"";
      }
    }
    if (newRefusals < 1) {
      return "refused, but no refusal in the audit trail";
    }
    return null;
  }

  private static String cut(String text) {
    return text.length() > 200 ? text.substring(0, 200) : text;
  }

  private record Named<T>(String name, T api) {}

  private static <T> Named<T> named(String name, T api) {
    return new Named<>(name, api);
  }

  private void vmCases(String actor, ApiClient api, long vmId, long snapshotId) {
    String vm = "vms/" + vmId;
    String snapshots = vm + "/snapshots";
    api(actor, "lists alice's snapshots", 404, () -> api.get(snapshots));
    api(actor, "snapshots alice's VM", 404, () -> api.postJson(snapshots, "{\"name\":\"x\"}"));
    api(actor, "reverts alice's VM", 404, () -> api.post(snapshots + "/" + snapshotId + "/revert"));
    api(
        actor,
        "boots a VM from alice's snapshot",
        404,
        () -> api.postJson(snapshots + "/" + snapshotId + "/boot", "{\"name\":\"x\"}"));
    api(actor, "deletes alice's snapshot", 404, () -> api.delete(snapshots + "/" + snapshotId));
    api(actor, "reads alice's serial log", 404, () -> api.get(vm + "/logs/serial"));
    api(actor, "reads alice's QEMU log", 404, () -> api.get(vm + "/logs/qemu"));
    api(actor, "reads alice's VM", 404, () -> api.get(vm));
    for (String op : List.of("start", "stop", "pause", "resume", "hibernate", "force-stop")) {
      api(actor, op + "s alice's VM", 404, () -> api.post(vm + "/" + op));
    }
    api(actor, "renames alice's VM", 404, () -> api.postJson(vm + "/rename", "{\"name\":\"x\"}"));
    api(
        actor,
        "asks a desktop ticket for alice's VM",
        404,
        () -> api.postJson(vm + "/console-tickets", "{\"kind\":\"desktop\"}"));
    api(
        actor,
        "asks a terminal ticket for alice's VM",
        404,
        () -> api.postJson(vm + "/console-tickets", "{\"kind\":\"terminal\"}"));
    api(actor, "wipes alice's VM", 404, () -> api.delete(vm));
  }

  private void adminCases(
      String actor, ApiClient api, long tenantId, String memberSubject, int status) {
    String t = "tenants/" + tenantId;
    if (status == 403) {
      api(actor, "lists tenants", 403, () -> api.get("tenants"));
      api(
          actor,
          "creates a tenant",
          403,
          () -> api.postJson("tenants", "{\"slug\":\"evil\",\"displayName\":\"Evil\"}"));
    }
    api(actor, "reads tenant " + tenantId, status, () -> api.get(t));
    api(
        actor,
        "renames tenant " + tenantId,
        status,
        () -> api.postJson(t + "/rename", "{\"displayName\":\"Owned\"}"));
    api(
        actor,
        "sets tenant " + tenantId + "'s quota",
        status,
        () ->
            put(
                api,
                t + "/quota",
                "{\"maxVms\":999,\"maxVcpus\":999,\"maxMemoryMib\":999999,\"maxDiskGib\":9999,\"maxSnapshotGib\":999}"));
    api(
        actor,
        "sets tenant " + tenantId + "'s policy",
        status,
        () -> put(api, t + "/policy", "{\"allowPersonalIsos\":true,\"stopVmsOnLogout\":true}"));
    api(actor, "lists tenant " + tenantId + "'s members", status, () -> api.get(t + "/members"));
    api(
        actor,
        "creates a member in tenant " + tenantId,
        status,
        () ->
            api.postJson(
                t + "/members",
                "{\"username\":\"mole\",\"email\":\"mole@x.local\",\"firstName\":\"M\",\"lastName\":\"Ole\",\"temporaryPassword\":\"mole12345\",\"role\":\"guest\"}"));
    memberCases(actor, api, memberSubject, status);
  }

  private void memberCases(String actor, ApiClient api, String subject, int status) {
    String m = "members/" + subject;
    String whom = " member " + subject.substring(0, 8);
    api(actor, "reads" + whom, status, () -> api.get(m));
    api(
        actor,
        "assigns" + whom,
        status,
        () -> api.postJson(m + "/assign", "{\"tenantId\":1,\"role\":\"guest\"}"));
    api(actor, "disables" + whom, status, () -> api.post(m + "/disable"));
    api(actor, "enables" + whom, status, () -> api.post(m + "/enable"));
    api(actor, "sets the quota of" + whom, status, () -> put(api, m + "/quota", "{\"maxVms\":99}"));
    api(
        actor,
        "resets the password of" + whom,
        status,
        () -> api.postJson(m + "/password", "{\"temporaryPassword\":\"owned12345\"}"));
  }

  private void escalationCases(
      String actor, ApiClient api, long own, long other, String memberSubject) {
    String t = "tenants/" + own;
    api(
        actor,
        "creates a tenant",
        403,
        () -> api.postJson("tenants", "{\"slug\":\"evil\",\"displayName\":\"Evil\"}"));
    api(
        actor,
        "renames their own tenant",
        403,
        () -> api.postJson(t + "/rename", "{\"displayName\":\"Mine\"}"));
    api(
        actor,
        "raises their own tenant's quota",
        403,
        () ->
            put(
                api,
                t + "/quota",
                "{\"maxVms\":999,\"maxVcpus\":999,\"maxMemoryMib\":999999,\"maxDiskGib\":9999,\"maxSnapshotGib\":999}"));
    api(
        actor,
        "creates a platform admin",
        403,
        () ->
            api.postJson(
                t + "/members",
                "{\"username\":\"root2\",\"email\":\"root2@x.local\",\"firstName\":\"R\",\"lastName\":\"Oot\",\"temporaryPassword\":\"root12345\",\"role\":\"platform-admin\"}"));
    api(
        actor,
        "makes a member platform admin",
        403,
        () ->
            api.postJson(
                "members/" + memberSubject + "/assign",
                "{\"tenantId\":" + own + ",\"role\":\"platform-admin\"}"));
    api(
        actor,
        "moves a member into another tenant",
        404,
        () ->
            api.postJson(
                "members/" + memberSubject + "/assign",
                "{\"tenantId\":" + other + ",\"role\":\"guest\"}"));
  }

  private void pageCase(String actor, ApiClient api, String path, int status) {
    cases.add(
        new Case(
            actor,
            "opens " + path,
            new int[] {status},
            () -> {
              HttpResponse<String> r =
                  api.send(
                      HttpRequest.newBuilder(java.net.URI.create(Stack.portalUrl() + path))
                          .header("Cookie", cookieOf(api))
                          .GET()
                          .build());
              return new Answer(r.statusCode(), r.body());
            }));
  }

  /** Tampers with the hidden id of each edit dialog and saves; the growl must say "no such". */
  private void facesCases(
      String actor, WebDriver browser, String ownMember, String otherSubject, long otherTenant) {
    cases.add(
        new Case(
            actor,
            "saves the member dialog with another tenant's person's id",
            new int[] {404},
            () -> {
              browser.get(Stack.portalUrl() + "/admin/users.xhtml");
              clickRowButton(browser, "users-form:members-table", ownMember, "edit");
              waitVisible(browser, "edit-form:edit-dialog");
              setHidden(browser, "edit-form:edit-subject", otherSubject);
              // The save button may sit below a small window's fold; a person would scroll.
              ((JavascriptExecutor) browser)
                  .executeScript(
                      "arguments[0].click();", browser.findElement(By.id("edit-form:edit-save")));
              String growl = growl(browser, "edit-form:messages");
              return new Answer(growl.contains("There is no such person") ? 404 : 200, growl);
            }));
    cases.add(
        new Case(
            actor,
            "saves the tenant dialog with another tenant's id",
            new int[] {404},
            () -> {
              browser.get(Stack.portalUrl() + "/admin/tenants.xhtml");
              clickRowButton(browser, "tenants-form:tenants-table", "", "edit");
              waitVisible(browser, "edit-form:edit-dialog");
              setHidden(browser, "edit-form:edit-id", Long.toString(otherTenant));
              // The save button may sit below a small window's fold; a person would scroll.
              ((JavascriptExecutor) browser)
                  .executeScript(
                      "arguments[0].click();", browser.findElement(By.id("edit-form:edit-save")));
              String growl = growl(browser, "edit-form:messages");
              return new Answer(growl.contains("There is no such tenant") ? 404 : 200, growl);
            }));
  }

  static void clickRowButton(WebDriver browser, String tableId, String rowText, String buttonId) {
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(
            d ->
                d.findElements(By.cssSelector("[id='" + tableId + "'] tbody tr")).stream()
                    .filter(r -> r.getText().contains(rowText))
                    .findFirst()
                    .map(
                        r -> {
                          r.findElement(By.cssSelector("[id$=':" + buttonId + "']")).click();
                          return true;
                        })
                    .orElse(false));
  }

  static void waitVisible(WebDriver browser, String id) {
    // The dialog may be redrawn between finding the element and asking whether it shows.
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .ignoring(StaleElementReferenceException.class)
        .until(d -> d.findElement(By.id(id)).isDisplayed());
  }

  private static void setHidden(WebDriver browser, String id, String value) {
    ((JavascriptExecutor) browser)
        .executeScript("document.getElementById(arguments[0]).value = arguments[1];", id, value);
  }

  static String growl(WebDriver browser, String growlId) {
    return new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(
            d -> {
              String text =
                  d
                      .findElements(
                          By.cssSelector("[id='" + growlId + "_container'] .ui-growl-message"))
                      .stream()
                      .map(e -> e.getText())
                      .reduce("", String::concat);
              return text.isEmpty() ? null : text;
            });
  }

  private static Answer answer(HttpResponse<String> response) {
    return new Answer(response.statusCode(), response.body());
  }

  private interface Call {
    HttpResponse<String> send() throws Exception;
  }

  private void api(String actor, String description, int status, Call call) {
    cases.add(new Case(actor, description, new int[] {status}, () -> answer(call.send())));
  }

  private static HttpResponse<String> put(ApiClient api, String path, String json)
      throws Exception {
    return api.send(
        api.request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  private static String cookieOf(ApiClient api) {
    return api.request("x").build().headers().firstValue("Cookie").orElseThrow();
  }

  static long tenantId(String slug) throws Exception {
    try (var db = Stack.database();
        var q = db.prepareStatement("SELECT id FROM tenants WHERE slug = ?")) {
      q.setString(1, slug);
      try (var row = q.executeQuery()) {
        assertThat(row.next()).isTrue();
        return row.getLong(1);
      }
    }
  }

  /** A person's Keycloak subject, from the portal's row of their sign-in. */
  static String databaseSubject(String username) throws Exception {
    try (var db = Stack.database();
        var q = db.prepareStatement("SELECT subject FROM users WHERE username = ?")) {
      q.setString(1, username);
      try (var row = q.executeQuery()) {
        assertThat(row.next()).isTrue();
        return row.getString(1);
      }
    }
  }
}

package org.vmportal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmportal.e2e.VmIsolationAndQuotaIT.create;
import static org.vmportal.e2e.VmIsolationAndQuotaIT.demoLinuxId;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.vmportal.e2e.pages.PortalPage;
import org.vmportal.e2e.support.ApiClient;
import org.vmportal.e2e.support.Audit;
import org.vmportal.e2e.support.BrowserExtension;
import org.vmportal.e2e.support.Hosts;
import org.vmportal.e2e.support.Json;
import org.vmportal.e2e.support.Stack;

/**
 * New VMs go to the host with the most free memory that is not drained and answers, and are refused
 * with a clear message when no host has room; a VM lives its whole life on the host it was placed
 * on. The second host is a second libvirt QEMU driver with its own state directory ({@code
 * qemu:///embed?root=…}, run inside the portal): its own domains, QEMU processes and saved states,
 * reached over its own connection, sharing the portal's storage as hosts do. (As root, {@code
 * qemu:///session} is the system daemon again, and a second system daemon cannot run beside the
 * first.)
 */
@ExtendWith(BrowserExtension.class)
class HostPlacementIT {

  private static final Path SECOND_ROOT = Stack.stateDir().resolve("host2").toAbsolutePath();
  private static final String SECOND = "qemu:///embed?root=" + SECOND_ROOT;
  private static final String SYSTEM = "qemu:///system";

  @Test
  void placementPrefersFreeMemoryAndSkipsDrainedHosts(
      WebDriver adminsBrowser, WebDriver alicesBrowser) throws Exception {
    ApiClient admin = ApiClient.signIn(adminsBrowser, "admin", "admin123", "admin-heading");
    ApiClient alice = ApiClient.signIn(alicesBrowser, "alice", "alice123", "guest-heading");
    long imageId = demoLinuxId(alice);
    long local = Hosts.id("local");
    long roomier = Hosts.insert("it-roomier", SECOND, 32768);
    List<Long> vms = new ArrayList<>();
    try {
      assertThat(admin.get("hosts").body()).contains("it-roomier").contains("\"drained\":false");
      HttpResponse<String> guestsTry = alice.post("hosts/" + local + "/drain");
      assertThat(guestsTry.statusCode()).as(guestsTry.body()).isEqualTo(403);
      assertThat(alice.get("hosts").statusCode()).isEqualTo(403);

      vms.add(createdId(create(alice, imageId, "placed-1")));
      assertThat(Hosts.of(vms.get(0))).as("the host with more free memory").isEqualTo(roomier);

      HttpResponse<String> drained = admin.post("hosts/" + roomier + "/drain");
      assertThat(drained.statusCode()).as(drained.body()).isEqualTo(200);
      assertThat(Json.string(drained.body(), "name")).isEqualTo("it-roomier");
      vms.add(createdId(create(alice, imageId, "placed-2")));
      assertThat(Hosts.of(vms.get(1))).as("the drained host is skipped").isEqualTo(local);

      assertThat(admin.post("hosts/" + local + "/drain").statusCode()).isEqualTo(200);
      HttpResponse<String> noRoom = create(alice, imageId, "nowhere");
      assertThat(noRoom.statusCode()).as(noRoom.body()).isEqualTo(409);
      assertThat(Json.string(noRoom.body(), "error")).contains("No host has 128 MiB");
      assertThat(admin.post("hosts/" + local + "/undrain").statusCode()).isEqualTo(200);
      assertThat(admin.get("hosts").body()).contains("\"poweredOn\":");
    } finally {
      for (long vm : vms) {
        alice.delete("vms/" + vm);
      }
      try (Connection db = Stack.database();
          Statement sql = db.createStatement()) {
        sql.executeUpdate("UPDATE hosts SET drained = FALSE WHERE name = 'local'");
      }
      // As an operator would: drained, so no spare is being made there, then removed through the
      // portal, which discards the spares it keeps there first.
      admin.post("hosts/" + roomier + "/drain");
      assertThat(admin.delete("hosts/" + roomier).statusCode()).isEqualTo(204);
    }
  }

  @Test
  void aVmOnASecondHostLivesItsWholeLifeThere(WebDriver adminsBrowser, WebDriver alicesBrowser)
      throws Exception {
    ApiClient admin = ApiClient.signIn(adminsBrowser, "admin", "admin123", "admin-heading");
    ApiClient alice = ApiClient.signIn(alicesBrowser, "alice", "alice123", "guest-heading");
    adminsBrowser.findElement(By.id("charts-form:host-name")).sendKeys("it-second <b>");
    adminsBrowser.findElement(By.id("charts-form:host-uri")).sendKeys(SECOND);
    WebElement memory = adminsBrowser.findElement(By.id("charts-form:host-memory_input"));
    memory.sendKeys(Keys.chord(Keys.CONTROL, "a"), "65536");
    adminsBrowser.findElement(By.id("charts-form:add-host-button")).click();
    assertThat(TenantIsolationSuiteIT.growl(adminsBrowser, "charts-form:messages"))
        .contains("Added the host \u201cit-second <b>\u201d");
    long second = Hosts.id("it-second <b>");
    long vmId = -1;
    try {
      vmId = createdId(create(alice, demoLinuxId(alice), "on-second"));
      assertThat(Hosts.of(vmId)).isEqualTo(second);
      String domain = GuestCreatesVmIT.domainOf("on-second");
      assertThat(AdminCuratesCatalogIT.virsh("domstate", domain))
          .as("not on the local host")
          .contains("failed to get domain");
      assertThat(run("pgrep", "-f", "guest=" + domain + ",")).as("its QEMU").matches("\\d+");

      String serial = "";
      for (long deadline = System.nanoTime() + 180_000_000_000L;
          System.nanoTime() < deadline && !serial.contains("root@on-second:");
          Thread.sleep(1000)) {
        serial =
            String.valueOf(Json.string(alice.get("vms/" + vmId + "/logs/serial").body(), "text"));
      }
      assertThat(serial).as("booted to its prompt on the second host").contains("root@on-second:");
      assertThat(Json.string(alice.get("vms/" + vmId + "/logs/qemu").body(), "text"))
          .as("QEMU's log, from the second host's log directory")
          .contains("guest=" + domain);

      assertThat(state(alice.post("vms/" + vmId + "/hibernate"))).isEqualTo("HIBERNATED");
      assertThat(SECOND_ROOT.resolve("lib/qemu/save/" + domain + ".save"))
          .as("the saved memory is the second host's")
          .exists();
      assertThat(state(alice.post("vms/" + vmId + "/start"))).isEqualTo("RUNNING");

      String pid = run("pgrep", "-f", "guest=" + domain + ",");
      assertThat(pid).matches("\\d+");
      run("kill", "-9", pid);
      String vm = "";
      for (long deadline = System.nanoTime() + 60_000_000_000L;
          System.nanoTime() < deadline && !vm.contains("\"state\":\"ERROR\"");
          Thread.sleep(250)) {
        vm = alice.get("vms/" + vmId).body();
      }
      assertThat(Json.string(vm, "stateReason")).startsWith("The VM stopped unexpectedly");

      HttpResponse<String> inUse = admin.delete("hosts/" + second);
      assertThat(inUse.statusCode()).as(inUse.body()).isEqualTo(409);
      assertThat(Json.string(inUse.body(), "error")).contains("wipe them first");
      assertThat(alice.delete("vms/" + vmId).statusCode()).isEqualTo(204);
      vmId = -1;
      assertThat(run("pgrep", "-f", "guest=" + domain + ",")).startsWith("error");
      assertThat(admin.delete("hosts/" + second).statusCode()).isEqualTo(204);
      // The refusal while the VM was there, and the removal.
      assertThat(Audit.actions("HOST_REMOVED", Long.toString(second))).isEqualTo(2);
    } finally {
      if (vmId > 0) {
        alice.delete("vms/" + vmId);
      }
      admin.delete("hosts/" + second); // gone already unless the test stopped early
    }
  }

  @Test
  void aHostThatDoesNotAnswerIsShownAndGetsNoNewVms(
      WebDriver adminsBrowser, WebDriver alicesBrowser) throws Exception {
    ApiClient admin = ApiClient.signIn(adminsBrowser, "admin", "admin123", "admin-heading");
    ApiClient alice = ApiClient.signIn(alicesBrowser, "alice", "alice123", "guest-heading");
    // Nothing listens on the discard port: every connection is refused at once.
    long nowhere = Hosts.insert("it-nowhere", "qemu+tcp://127.0.0.1:9/system", 1_000_000);
    long vmId = -1;
    try {
      String hosts = "";
      for (long deadline = System.nanoTime() + 60_000_000_000L;
          System.nanoTime() < deadline && !hosts.contains("\"reachable\":false");
          Thread.sleep(500)) {
        hosts = admin.get("hosts").body();
      }
      String row = hosts.substring(hosts.lastIndexOf("{", hosts.indexOf("it-nowhere")));
      assertThat(row).as(hosts).contains("\"reachable\":false");

      assertThat(addHost(alice, "x", SYSTEM).statusCode()).isEqualTo(403);
      HttpResponse<String> unreachable = addHost(admin, "it-down", "qemu+tcp://127.0.0.1:7/system");
      assertThat(unreachable.statusCode()).as(unreachable.body()).isEqualTo(400);
      assertThat(Json.string(unreachable.body(), "error"))
          .startsWith("The portal could not reach qemu+tcp://127.0.0.1:7/system");
      assertThat(addHost(admin, "it-bad", "http://example.test/").statusCode()).isEqualTo(400);
      HttpResponse<String> taken = addHost(admin, "local", SECOND);
      assertThat(taken.statusCode()).as(taken.body()).isEqualTo(409);

      vmId = createdId(create(alice, demoLinuxId(alice), "not-nowhere"));
      assertThat(Hosts.of(vmId))
          .as("the host that does not answer is skipped")
          .isNotEqualTo(nowhere);
      assertThat(Json.string(alice.get("vms/" + vmId).body(), "state")).isEqualTo("RUNNING");

      adminsBrowser.findElement(By.id("nav-overview")).click();
      new PortalPage(adminsBrowser, "admin-heading");
      assertThat(adminsBrowser.findElement(By.cssSelector(".host-unreachable")).getText())
          .isEqualTo("not answering");
    } finally {
      if (vmId > 0) {
        alice.delete("vms/" + vmId);
      }
      assertThat(admin.delete("hosts/" + nowhere).statusCode()).isEqualTo(204);
    }
  }

  private static HttpResponse<String> addHost(ApiClient api, String name, String uri)
      throws Exception {
    return api.postJson(
        "hosts",
        "{\"name\":"
            + Json.quote(name)
            + ",\"uri\":"
            + Json.quote(uri)
            + ",\"maxVcpus\":8,\"maxMemoryMib\":8192}");
  }

  private static String state(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.string(response.body(), "state");
  }

  /** A command's output, or "error: …" when it fails. */
  private static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes()).strip();
    return process.waitFor() == 0 ? out : "error: " + out;
  }

  private static long createdId(HttpResponse<String> created) {
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return Json.number(created.body(), "id");
  }
}

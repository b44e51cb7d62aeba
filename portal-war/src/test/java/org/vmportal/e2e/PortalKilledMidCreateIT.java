package org.vmportal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmportal.e2e.VmIsolationAndQuotaIT.create;
import static org.vmportal.e2e.VmIsolationAndQuotaIT.demoLinuxId;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebDriver;
import org.vmportal.e2e.support.ApiClient;
import org.vmportal.e2e.support.BrowserExtension;
import org.vmportal.e2e.support.Json;
import org.vmportal.e2e.support.Stack;

/**
 * Payara killed (SIGKILL) while creates are in flight, then started again with {@code ./stack.sh
 * restart-portal}: afterwards nothing is half-made. Every VM row is settled (none left CREATING or
 * DELETING, no spare left half-made), every overlay in the pool belongs to a VM's or spare's row,
 * every row's overlay and domain exist, and no libvirt domain on this stack's disks lacks a row.
 * Creates answered 201 before the kill are still there.
 */
@ExtendWith(BrowserExtension.class)
class PortalKilledMidCreateIT {

  private static final int CREATES = 6;

  /** Orphan grace (60 s) over two sweeps, plus the restart; generous for a loaded machine. */
  private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(5);

  private static final Path OVERLAYS = Stack.stateDir().resolve("storage/overlays");

  @Test
  void nothingIsHalfMadeAfterThePortalIsKilledMidCreate(
      WebDriver browser, WebDriver browserAfterRestart) throws Exception {
    ApiClient alice = ApiClient.signIn(browser, "alice", "alice123", "guest-heading");
    long imageId = demoLinuxId(alice);
    ExecutorService pool = Executors.newFixedThreadPool(CREATES);
    List<Long> answered = new ArrayList<>();
    try {
      List<Future<HttpResponse<String>>> creates = new ArrayList<>();
      for (int i = 0; i < CREATES; i++) {
        String name = "killed-mid-create-" + i;
        creates.add(pool.submit(() -> create(alice, imageId, name)));
      }
      // Kill the moment a create is under way: its row is written, its disk and domain may not be.
      long waitUntil = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!rowStates().containsValue("CREATING") && System.nanoTime() < waitUntil) {
        Thread.sleep(10);
      }
      long pid =
          Long.parseLong(Files.readString(Stack.stateDir().resolve("pids/portal.pid")).trim());
      assertThat(ProcessHandle.of(pid).orElseThrow().destroyForcibly()).isTrue();
      ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
      for (Future<HttpResponse<String>> result : creates) {
        try {
          HttpResponse<String> response = result.get();
          if (response.statusCode() == 201) {
            answered.add(Json.number(response.body(), "id"));
          }
        } catch (java.util.concurrent.ExecutionException cutOff) {
          // The connection died with the portal: this create was in flight.
        }
      }
      System.out.printf(
          "[PortalKilledMidCreateIT] %d of %d creates answered before the kill; rows now: %s%n",
          answered.size(), CREATES, rowStates());
      assertThat(answered)
          .as("some creates were still in flight at the kill")
          .hasSizeLessThan(CREATES);

      restartPortal();

      long deadline = System.nanoTime() + RECOVERY_TIMEOUT.toNanos();
      List<String> problems = problems();
      while (!problems.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(5_000);
        problems = problems();
      }
      assertThat(problems).as("half-made things after recovery").isEmpty();
      Map<Long, String> rows = rowStates();
      for (long id : answered) {
        assertThat(rows).as("VM %d, created before the kill", id).containsEntry(id, "RUNNING");
      }
    } finally {
      pool.shutdownNow();
      // The restarted portal has no sessions: a fresh browser signs in again.
      ApiClient again = ApiClient.signIn(browserAfterRestart, "alice", "alice123", "guest-heading");
      for (long id : rowStates().keySet()) {
        again.delete("vms/" + id);
      }
    }
  }

  /**
   * What is half-made now: unsettled rows, spares not finished, overlays or domains without rows,
   * rows without them.
   */
  private static List<String> problems() throws Exception {
    List<String> problems = new ArrayList<>();
    Map<String, String> overlayOfDomain = new HashMap<>();
    try (Connection db = Stack.database();
        Statement sql = db.createStatement();
        ResultSet row =
            sql.executeQuery(
                "SELECT id, state, domain_name, overlay_volume FROM vms UNION ALL SELECT id,"
                    + " IF(ready, 'SPARE', 'SPARE BEING MADE'), domain_name, overlay_volume"
                    + " FROM spare_vms")) {
      while (row.next()) {
        String state = row.getString(2);
        if (state.equals("CREATING") || state.equals("DELETING")) {
          problems.add("VM " + row.getLong(1) + " is still " + state);
        } else if (state.equals("SPARE BEING MADE")) {
          problems.add("spare " + row.getString(3) + " is still being made");
        }
        overlayOfDomain.put(row.getString(3), row.getString(4));
      }
    }
    Set<String> overlays = new TreeSet<>();
    try (Stream<Path> files = Files.list(OVERLAYS)) {
      files.map(f -> f.getFileName().toString()).forEach(overlays::add);
    }
    for (String overlay : overlays) {
      if (!overlayOfDomain.containsValue(overlay)) {
        problems.add("overlay " + overlay + " has no VM");
      }
    }
    Set<String> domains = new TreeSet<>(virsh("list", "--all", "--name"));
    overlayOfDomain.forEach(
        (domain, overlay) -> {
          if (!overlays.contains(overlay)) {
            problems.add("VM " + domain + " has no overlay");
          }
          if (!domains.contains(domain)) {
            problems.add("VM " + domain + " has no domain");
          }
        });
    for (String domain : domains) {
      if (!overlayOfDomain.containsKey(domain) && onThisStacksDisks(domain)) {
        problems.add("domain " + domain + " on this stack's disks has no VM");
      }
    }
    return problems;
  }

  /**
   * Whether a disk of the domain is in this stack's overlay folder: not merely a path that ends
   * like it (another checkout's stack on this host, say {@code /other/work/main/.stack}, is not
   * ours).
   */
  private static boolean onThisStacksDisks(String domain) throws Exception {
    Path overlays = OVERLAYS.toAbsolutePath().normalize();
    for (String disk : virsh("domblklist", domain)) {
      String[] targetAndSource = disk.split("\\s+", 2);
      if (targetAndSource.length == 2
          && targetAndSource[1].startsWith("/")
          && overlays.equals(Path.of(targetAndSource[1]).getParent())) {
        return true;
      }
    }
    return false;
  }

  private static Map<Long, String> rowStates() throws Exception {
    Map<Long, String> states = new HashMap<>();
    try (Connection db = Stack.database();
        Statement sql = db.createStatement();
        ResultSet row =
            sql.executeQuery("SELECT id, state FROM vms WHERE name LIKE 'killed-mid-create-%'")) {
      while (row.next()) {
        states.put(row.getLong(1), row.getString(2));
      }
    }
    return states;
  }

  private static List<String> virsh(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("virsh", "-q", "-c", "qemu:///system"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    process.waitFor();
    return output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  /** {@code ./stack.sh restart-portal} for the stack the tests run against. */
  private static void restartPortal() throws Exception {
    Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
    ProcessBuilder restart =
        new ProcessBuilder(root.resolve("stack.sh").toString(), "restart-portal")
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.INHERIT);
    Map<String, String> env = restart.environment();
    env.put("VMPORTAL_STATE", Stack.stateDir().toAbsolutePath().normalize().toString());
    env.put("VMPORTAL_PORT", Integer.toString(URI.create(Stack.portalUrl()).getPort()));
    env.put("VMPORTAL_KEYCLOAK_PORT", Integer.toString(URI.create(Stack.keycloakUrl()).getPort()));
    env.put("VMPORTAL_GUACD_PORT", Integer.toString(Stack.guacdPort()));
    env.put(
        "VMPORTAL_DB_PORT",
        Integer.toString(URI.create(Stack.databaseUrl().substring("jdbc:".length())).getPort()));
    assertThat(restart.start().waitFor()).as("./stack.sh restart-portal exit code").isZero();
  }
}

package org.vmportal.bench;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.vmportal.e2e.support.ApiClient;
import org.vmportal.e2e.support.Json;
import org.vmportal.e2e.support.Stack;

/**
 * Demo-OS VMs a benchmark runs against: created through the REST API like a guest does, booted to
 * their prompt (so a console has something to show), and wiped at the end whatever happened, also
 * on Ctrl-C (shutdown hook).
 */
final class BenchVms implements AutoCloseable {

  /** One VM; {@code vncPort} is where guacd reaches its screen. */
  record Vm(long id, String name, String domain, int vncPort) {}

  /** Signs the guest in again after a portal restart, or says why it cannot. */
  interface Renewal {
    void renew() throws Exception;
  }

  private final Supplier<ApiClient> api;
  private final Renewal renewal;
  private final List<Vm> vms = new ArrayList<>();
  private final Thread wipeOnExit = new Thread(this::wipeAll, "wipe-bench-vms");

  /**
   * Starts with no VMs.
   *
   * @param api the signed-in guest (it changes when {@code renewal} signs in again)
   * @param renewal what to do when the portal restarted and the session is gone
   */
  BenchVms(Supplier<ApiClient> api, Renewal renewal) {
    this.api = api;
    this.renewal = renewal;
    Runtime.getRuntime().addShutdownHook(wipeOnExit);
  }

  /**
   * Creates up to {@code count} demo VMs named {@code prefix-1}, {@code prefix-2} … and stops at
   * the first refusal (usually the tenant's quota, when someone else's VMs count against it).
   *
   * @return the VMs created, running (their guests still booting)
   */
  synchronized List<Vm> create(String prefix, int count) throws Exception {
    long image = demoLinuxId();
    for (int i = 1; i <= count; i++) {
      String name = prefix + "-" + i;
      HttpResponse<String> created = null;
      for (int attempt = 1; attempt <= 3; attempt++) {
        try {
          created =
              api.get()
                  .postJson(
                      "vms",
                      "{\"baseImageId\":"
                          + image
                          + ",\"name\":"
                          + Json.quote(name)
                          + ",\"vcpus\":1,\"memoryMib\":128}");
          if (created.statusCode() == 201 || created.body().contains("\"error\"")) {
            break; // made, or refused by the portal itself (the tenant's quota, usually)
          }
        } catch (java.io.IOException portalDown) {
          created = null;
        }
        renewal.renew(); // not the portal's answer: it is restarting
      }
      if (created == null || created.statusCode() != 201) {
        System.out.printf(
            "# VM %d of %d refused: %s%n",
            i,
            count,
            created == null ? "no answer" : "HTTP " + created.statusCode() + " " + created.body());
        break;
      }
      vms.add(new Vm(Json.number(created.body(), "id"), name, null, 0));
    }
    reload();
    return List.copyOf(vms);
  }

  /**
   * Waits until every guest shows its shell prompt on the serial console (the screen shows the same
   * prompt on tty1), then reads the VNC ports libvirt picked. A guest that panics (under TCG on a
   * busy host one in 20-40 sometimes does, see docs/libvirt.md#density) or shows no prompt in time
   * is wiped and left out, and said so.
   *
   * @return seconds until the last prompt
   */
  double awaitPrompts(Duration timeout) throws Exception {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    List<Vm> waiting = new ArrayList<>(list());
    List<Vm> failed = new ArrayList<>();
    while (!waiting.isEmpty() && System.nanoTime() < deadline) {
      waiting.removeIf(vm -> serialLog(vm).contains("root@" + vm.name() + ":"));
      waiting.stream().filter(vm -> serialLog(vm).contains("Kernel panic")).forEach(failed::add);
      waiting.removeAll(failed);
      Thread.sleep(1000);
    }
    failed.addAll(waiting);
    for (Vm vm : failed) {
      System.out.printf(
          "# %s showed no prompt (panicked or too slow): wiped, left out%n", vm.name());
      wipe(vm);
    }
    reload();
    return (System.nanoTime() - start) / 1e9;
  }

  synchronized List<Vm> list() {
    return List.copyOf(vms);
  }

  private static String serialLog(Vm vm) {
    Path log = Stack.stateDir().resolve("storage/logs/" + vm.domain() + ".serial.log");
    try {
      // The names used here are already valid host names, so the prompt carries them as they are.
      return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "";
    } catch (java.io.IOException e) {
      return "";
    }
  }

  /** Domain names and VNC ports come from the portal's database; the API does not show them. */
  private synchronized void reload() throws Exception {
    try (Connection db = Stack.database();
        PreparedStatement q =
            db.prepareStatement("SELECT domain_name, vnc_port FROM vms WHERE id = ?")) {
      for (int i = 0; i < vms.size(); i++) {
        Vm vm = vms.get(i);
        q.setLong(1, vm.id());
        try (ResultSet row = q.executeQuery()) {
          if (row.next()) {
            vms.set(i, new Vm(vm.id(), vm.name(), row.getString(1), row.getInt(2)));
          }
        }
      }
    }
  }

  private long demoLinuxId() throws Exception {
    String catalog = api.get().get("vms/catalog").body();
    int at = catalog.indexOf("\"Demo Linux\"");
    if (at < 0) {
      throw new IllegalStateException("Demo Linux is not in the catalog: " + catalog);
    }
    return Json.number(catalog.substring(catalog.lastIndexOf("{", at)), "id");
  }

  private synchronized void wipeAll() {
    new ArrayList<>(vms).forEach(this::wipe);
  }

  private synchronized void wipe(Vm vm) {
    // Others redeploy the portal now and then: while it deploys, Payara answers 404 pages of its
    // own, or nothing, and afterwards the session is gone. Wait that out (3 min), sign in again
    // if the benchmark can; what is left, the script's wipe takes.
    String outcome = "";
    for (int attempt = 1; attempt <= 18; attempt++) {
      try {
        HttpResponse<String> wiped = api.get().delete("vms/" + vm.id());
        int status = wiped.statusCode();
        if (status < 300 || (status == 404 && wiped.body().contains("\"error\""))) {
          outcome = null; // wiped, or already gone
          break;
        }
        outcome = "HTTP " + status;
        if (status == 302 || status == 401) {
          renewal.renew();
          continue;
        }
      } catch (Exception e) {
        outcome = e.toString();
        if (e instanceof IllegalStateException) {
          break; // the session cannot be renewed here
        }
      }
      sleep(10_000);
    }
    if (outcome != null) {
      System.out.printf("# %s not wiped here (%s): the script wipes it%n", vm.name(), outcome);
    }
    vms.remove(vm);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    wipeAll();
    try {
      Runtime.getRuntime().removeShutdownHook(wipeOnExit);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway and finds nothing left to wipe
    }
  }
}

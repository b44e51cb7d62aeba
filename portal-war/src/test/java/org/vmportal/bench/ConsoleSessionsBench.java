package org.vmportal.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.vmportal.bench.BenchVms.Vm;
import org.vmportal.e2e.support.ApiClient;
import org.vmportal.e2e.support.Json;
import org.vmportal.e2e.support.Stack;

/**
 * N desktop consoles held open at once for a while: drops, bytes, and the CPU the portal and guacd
 * spend per session, against idle windows of the same length before and after. Arguments: sessions,
 * seconds, VM name prefix, VMs (default: one per session). Signs in as {@code BENCH_USER} with
 * bench/portal-login.sh, as the other benchmarks do.
 */
public final class ConsoleSessionsBench {

  /** The windows, in the order they are measured and printed. */
  private static final int IDLE_BEFORE = 1;

  private static final int HELD = 2;
  private static final int IDLE_AFTER = 3;

  private ConsoleSessionsBench() {}

  /** CPU ticks at one moment; children keyed by pid, the portal's threads by thread id. */
  private record Snapshot(
      long nanos,
      long portal,
      long guacd,
      Map<Long, Long> sessions,
      long self,
      String load,
      Map<Long, Map.Entry<String, Long>> portalThreads) {}

  /** One measured window; the portal's CPU seconds also by kind of thread. */
  private record Window(
      String name,
      double seconds,
      double portal,
      double guacd,
      double sessions,
      double self,
      int others,
      String loadAtEnd,
      Map<String, Double> portalByThread,
      boolean valid,
      Set<Long> threadIds) {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    String prefix =
        args.length > 2 ? args[2] : "cses-" + UUID.randomUUID().toString().substring(0, 6);
    int vmCount = args.length > 3 ? Integer.parseInt(args[3]) : count;
    String user = System.getenv().getOrDefault("BENCH_USER", "carol");
    GuestLogin login =
        new GuestLogin(user, System.getenv().getOrDefault("BENCH_PASSWORD", user + "123"));

    try (BenchVms vms = new BenchVms(login::api, login::renew)) {
      List<Vm> created = vms.create(prefix, vmCount);
      if (created.isEmpty()) {
        throw new IllegalStateException("no VM could be created");
      }
      double boot = vms.awaitPrompts(Duration.ofMinutes(10));
      List<Vm> list = vms.list();
      if (list.isEmpty()) {
        throw new IllegalStateException("no guest showed its prompt");
      }
      System.out.printf(
          "# %d VMs at their prompt %.0f s after the first create; %d sessions on them%n",
          list.size(), boot, count);
      Thread.sleep(20_000); // guests finish loading modules; the boot load drains
      Set<Integer> ports = new HashSet<>();
      list.forEach(vm -> ports.add(vm.vncPort()));

      // The VMs outlive a portal restart; the measurement does not, so only it is repeated.
      for (int attempt = 1; ; attempt++) {
        long portal = pid("portal");
        long guacd = pid("guacd");
        StringWriter report = new StringWriter();
        boolean valid;
        try {
          valid =
              measureAll(
                  login, list, ports, count, seconds, portal, guacd, new PrintWriter(report));
        } catch (Exception e) {
          if (pid("portal") == portal && pid("guacd") == guacd) {
            throw e;
          }
          valid = false;
        }
        if (valid) {
          System.out.print(report);
          break;
        }
        System.out.printf("# attempt %d void: the portal or guacd restarted meanwhile%n", attempt);
        if (attempt == 3) {
          break;
        }
        login.renew();
      }
    }
  }

  /**
   * Warm-up, idle window, N sessions opened and held for a window, closed, idle window.
   *
   * @return false when the portal or guacd restarted meanwhile (the figures are then void)
   */
  private static boolean measureAll(
      GuestLogin login,
      List<Vm> vms,
      Set<Integer> ports,
      int count,
      int seconds,
      long portal,
      long guacd,
      PrintWriter out)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    List<ConsoleWireSession> sessions = new ArrayList<>();
    try {
      // Warm-up: the same sessions for a window first. Right after a redeploy (others redeploy
      // the portal now and then) the JIT compiles the console path; this shows what that costs
      // and keeps it out of the window the per-session figures come from.
      openAll(http, login, vms, count, sessions);
      Window warm = measure("warm-up, sessions", guacd, portal, seconds, ports, null);
      closeAll(sessions);
      Thread.sleep(5_000);

      Window before = measure("idle before", guacd, portal, seconds, ports, null);
      long openStart = System.nanoTime();
      List<Double> firstFrames = openAll(http, login, vms, count, sessions);
      out.printf(
          "opening: %d sessions one after the other, all showing a frame after %.1f s;%n"
              + "  WebSocket open -> first sync (ms): %s%n",
          count, (System.nanoTime() - openStart) / 1e9, Figures.summary(firstFrames));
      Thread.sleep(5_000); // the first full frames are sent; what follows is the steady state

      Map<Long, Integer> mine = ProcCpu.childrenConnectedTo(guacd, ports);
      out.printf(
          "guacd children serving this run's VMs: %d (of %d guacd children)%n",
          mine.size(), ProcCpu.children(guacd).size());
      long[][] counts = counters(sessions);
      Window held = measure("with sessions", guacd, portal, seconds, ports, before.threadIds);
      report(sessions, counts, counters(sessions), seconds, out);
      int drops = 0;
      for (ConsoleWireSession s : sessions) {
        if (s.drop() != null) {
          out.printf("DROP %s: %s%n", s.label, s.drop());
          drops++;
        }
      }
      out.printf(
          "drops: %d of %d sessions, open together for %.0f s%n",
          drops, count, (System.nanoTime() - openStart) / 1e9);
      closeAll(sessions);
      Thread.sleep(5_000); // guacd's children exit
      Window after = measure("idle after", guacd, portal, seconds, ports, before.threadIds);
      printCpu(List.of(warm, before, held, after), count, seconds, out);
      out.flush();
      return warm.valid && before.valid && held.valid && after.valid;
    } finally {
      closeAll(sessions);
    }
  }

  /**
   * Opens {@code count} sessions one after the other, session i on VM i mod VMs, each with its own
   * ticket, and waits until each has received its first frame.
   *
   * @return per session, milliseconds from its WebSocket opening to its first sync
   */
  private static List<Double> openAll(
      HttpClient http, GuestLogin login, List<Vm> vms, int count, List<ConsoleWireSession> into)
      throws Exception {
    for (int i = 0; i < count; i++) {
      Vm vm = vms.get(i % vms.size());
      into.add(
          ConsoleWireSession.open(
              http,
              Stack.portalUrl(),
              login.cookie(),
              ticket(login.api(), vm),
              vm.name() + "#" + i));
    }
    List<Double> firstFrames = new ArrayList<>();
    for (ConsoleWireSession s : into) {
      firstFrames.add(s.firstSync.get(60, TimeUnit.SECONDS) / 1e6);
    }
    return firstFrames;
  }

  private static String ticket(ApiClient api, Vm vm) throws Exception {
    HttpResponse<String> issued =
        api.postJson("vms/" + vm.id() + "/console-tickets", "{\"kind\":\"desktop\"}");
    if (issued.statusCode() != 201) {
      throw new IllegalStateException("ticket for " + vm.name() + ": " + issued.body());
    }
    return Json.string(issued.body(), "ticket");
  }

  private static void closeAll(List<ConsoleWireSession> sessions) {
    sessions.forEach(ConsoleWireSession::close);
    sessions.clear();
  }

  private static long[][] counters(List<ConsoleWireSession> sessions) {
    long[][] c = new long[sessions.size()][];
    for (int i = 0; i < c.length; i++) {
      ConsoleWireSession s = sessions.get(i);
      c[i] = new long[] {s.chars.get(), s.instructions.get(), s.syncs.get()};
    }
    return c;
  }

  private static void report(
      List<ConsoleWireSession> sessions, long[][] from, long[][] to, int seconds, PrintWriter out) {
    List<Double> kib = new ArrayList<>();
    List<Double> instr = new ArrayList<>();
    List<Double> syncs = new ArrayList<>();
    for (int i = 0; i < sessions.size(); i++) {
      kib.add((to[i][0] - from[i][0]) / 1024.0 / seconds);
      instr.add((double) (to[i][1] - from[i][1]) / seconds);
      syncs.add((double) (to[i][2] - from[i][2]) / seconds);
    }
    out.printf("per session while held (KiB/s, as text): %s%n", Figures.summary(kib, 1));
    out.printf("per session while held (instructions/s): %s%n", Figures.summary(instr, 1));
    out.printf("per session while held (syncs/s):        %s%n", Figures.summary(syncs, 1));
  }

  /**
   * CPU over one window: the portal's JVM; guacd's own process (not its reaped children, which may
   * be other people's sessions); and, with sessions, the guacd children serving this run's VNC
   * ports, read at both ends.
   */
  private static Window measure(
      String name, long guacd, long portal, int seconds, Set<Integer> ports, Set<Long> oldThreads)
      throws Exception {
    Snapshot start = snapshot(guacd, portal, ports);
    Thread.sleep(seconds * 1000L);
    Snapshot end = snapshot(guacd, portal, ports);
    // Someone restarted the portal or guacd meanwhile: the figures are void.
    boolean valid = pid("portal") == portal && pid("guacd") == guacd;
    double elapsed = (end.nanos - start.nanos) / 1e9;
    long sessions = 0;
    for (Map.Entry<Long, Long> child : end.sessions.entrySet()) {
      Long was = start.sessions.get(child.getKey());
      sessions += child.getValue() - (was == null ? 0 : was);
    }
    int others = ProcCpu.children(guacd).size() - end.sessions.size();
    double hz = ProcCpu.TICKS_PER_SECOND;
    Map<String, Double> byThread = new java.util.TreeMap<>();
    end.portalThreads.forEach(
        (tid, thread) -> {
          Map.Entry<String, Long> was = start.portalThreads.get(tid);
          long delta = thread.getValue() - (was == null ? 0 : was.getValue());
          // Threads of a pool differ only in their number: one line per pool. Threads started
          // since the idle window are marked: the sessions' own (one reader per console).
          String kind = thread.getKey().replaceAll("[-#]?[0-9]+$", "");
          if (oldThreads != null && !oldThreads.contains(tid)) {
            kind += " (new)";
          }
          byThread.merge(kind, delta / hz, Double::sum);
        });
    return new Window(
        name,
        elapsed,
        (end.portal - start.portal) / hz,
        (end.guacd - start.guacd) / hz,
        sessions / hz,
        (end.self - start.self) / hz,
        others,
        end.load,
        byThread,
        valid,
        end.portalThreads.keySet());
  }

  private static Snapshot snapshot(long guacd, long portal, Set<Integer> ports) throws Exception {
    Map<Long, Long> children = new java.util.HashMap<>();
    for (long child : ProcCpu.childrenConnectedTo(guacd, ports).keySet()) {
      children.put(child, ProcCpu.ticks(child, false));
    }
    return new Snapshot(
        System.nanoTime(),
        ProcCpu.ticks(portal, false),
        ProcCpu.ticks(guacd, false),
        children,
        ProcCpu.ticks(ProcessHandle.current().pid(), false),
        Files.readString(Path.of("/proc/loadavg")).substring(0, 14).trim(),
        ProcCpu.threads(portal));
  }

  private static void printCpu(List<Window> windows, int count, int seconds, PrintWriter out) {
    out.printf("%nCPU seconds over each %d s window (%% of one core):%n%-26s", seconds, "");
    windows.forEach(w -> out.printf(" %20s", w.name));
    out.printf(" %22s%n", "per session (held)");
    row(windows, "portal (Payara JVM)", w -> w.portal, count, out);
    row(windows, "guacd (main process)", w -> w.guacd, count, out);
    row(windows, "guacd session children", w -> w.sessions, count, out);
    row(windows, "guacd total", w -> w.guacd + w.sessions, count, out);
    row(windows, "bench client (this JVM)", w -> w.self, 0, out);
    out.printf("%-26s", "load at window end");
    windows.forEach(w -> out.printf(" %20s", w.loadAtEnd));
    out.printf("%n%-26s", "other guacd sessions");
    windows.forEach(w -> out.printf(" %20d", w.others));
    out.println();
    // Where the portal's CPU went while the sessions were held: the busiest kinds of thread.
    out.printf(
        "%nportal CPU seconds by thread (the busiest while held; (new): started after the idle"
            + " window before):%n");
    windows.get(HELD).portalByThread.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .limit(10)
        .forEach(
            e -> {
              out.printf("  %-30s", e.getKey());
              for (Window w : windows) {
                out.printf(" %20.2f", w.portalByThread.getOrDefault(e.getKey(), 0.0));
              }
              out.println();
            });
  }

  /** One figure per window, and per session: (held - mean of the idle windows) / sessions. */
  private static void row(
      List<Window> windows,
      String label,
      ToDoubleFunction<Window> value,
      int count,
      PrintWriter out) {
    out.printf("%-26s", label);
    for (Window w : windows) {
      double v = value.applyAsDouble(w);
      out.printf(" %10.2f s (%5.1f%%)", v, v / w.seconds * 100);
    }
    if (count > 0) {
      double idle =
          (value.applyAsDouble(windows.get(IDLE_BEFORE))
                  + value.applyAsDouble(windows.get(IDLE_AFTER)))
              / 2;
      double per = (value.applyAsDouble(windows.get(HELD)) - idle) / count;
      out.printf(" %9.3f s (%5.2f%%)", per, per / windows.get(HELD).seconds * 100);
    }
    out.println();
  }

  private static long pid(String part) throws Exception {
    return Long.parseLong(
        Files.readString(Stack.stateDir().resolve("pids/" + part + ".pid")).trim());
  }
}

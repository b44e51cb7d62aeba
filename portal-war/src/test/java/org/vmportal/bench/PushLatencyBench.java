package org.vmportal.bench;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vmportal.bench.BenchVms.Vm;
import org.vmportal.e2e.support.ApiClient;
import org.vmportal.e2e.support.BrowserExtension;

/**
 * Time for a VM's state change to reach an open guest dashboard: a real demo VM is paused and
 * resumed through the REST API from another session, N times each, while headless Chromium shows
 * the dashboard; a MutationObserver in the page stamps the moment the card shows the new state.
 * Both clocks are this machine's wall clock. Printed: request sent -> card changed (what a person
 * at the page waits for, including the hypervisor call), and the REST call alone for comparison.
 *
 * <p>Arguments: changes to measure (default 20), the VM name prefix.
 */
final class PushLatencyBench {

  private static final String OBSERVER =
      "window.vmChanges = [];"
          + "const name = arguments[0];"
          + "new MutationObserver(() => {"
          + "  for (const card of document.querySelectorAll('.vm-card')) {"
          + "    if (card.getAttribute('data-vm-name') !== name) continue;"
          + "    const state = card.querySelector('.vm-state').textContent;"
          + "    if (state !== window.vmLastState) {"
          + "      window.vmLastState = state; window.vmChanges.push([state, Date.now()]);"
          + "    }"
          + "  }"
          + "}).observe(document.getElementById('vms-form:cards-area'),"
          + "  {subtree: true, childList: true, attributes: true, characterData: true});";

  private PushLatencyBench() {}

  public static void main(String[] args) throws Exception {
    int changes = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    String prefix =
        args.length > 1 ? args[1] : "push-" + UUID.randomUUID().toString().substring(0, 6);
    Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
    String user = System.getenv().getOrDefault("BENCH_USER", "carol");
    String password = System.getenv().getOrDefault("BENCH_PASSWORD", user + "123");
    WebDriver page = BrowserExtension.start(BrowserExtension.chromeOptions());
    WebDriver other = BrowserExtension.start(BrowserExtension.chromeOptions());
    try {
      ApiClient api = ApiClient.signIn(other, user, password, "guest-heading");
      try (BenchVms vms =
          new BenchVms(
              () -> api,
              () -> {
                throw new IllegalStateException("the portal restarted: run the benchmark again");
              })) {
        List<Vm> created = vms.create(prefix, 1);
        if (created.isEmpty()) {
          throw new IllegalStateException("no VM could be created");
        }
        Vm vm = created.get(0);
        ApiClient.signIn(page, user, password, "guest-heading");
        WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(30));
        wait.until(
            d ->
                Boolean.FALSE.equals(
                    ((JavascriptExecutor) d)
                        .executeScript("return PrimeFaces.widgets.fallbackPoll.isActive();")));
        ((JavascriptExecutor) page).executeScript(OBSERVER, vm.name());
        measure(api, page, vm, changes);
      }
    } finally {
      page.quit();
      other.quit();
    }
  }

  private static void measure(ApiClient api, WebDriver page, Vm vm, int changes) throws Exception {
    List<Double> toPage = new ArrayList<>();
    List<Double> rest = new ArrayList<>();
    System.out.printf(
        "# state change -> open dashboard: %d changes (pause/resume of %s), %d CPUs, load %s%n",
        changes, vm.name(), Runtime.getRuntime().availableProcessors(), loadAverage());
    for (int i = 0; i < changes; i++) {
      String action = i % 2 == 0 ? "pause" : "resume";
      String expected = i % 2 == 0 ? "PAUSED" : "RUNNING";
      long sent = System.currentTimeMillis();
      long start = System.nanoTime();
      HttpResponse<String> answer =
          api.send(
              api.request("vms/" + vm.id() + "/" + action)
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build());
      rest.add((System.nanoTime() - start) / 1e6);
      if (answer.statusCode() != 200) {
        throw new IllegalStateException(
            action + " answered " + answer.statusCode() + answer.body());
      }
      long shown =
          new WebDriverWait(page, Duration.ofSeconds(30))
              .until(
                  d -> {
                    Object at =
                        ((JavascriptExecutor) d)
                            .executeScript(
                                "const c = window.vmChanges.filter(x => x[0] === arguments[0]"
                                    + " && x[1] >= arguments[1]); return c.length ? c[0][1] : null;",
                                expected,
                                sent);
                    return at == null ? null : ((Number) at).longValue();
                  });
      toPage.add((double) (shown - sent));
      Thread.sleep(300);
    }
    System.out.printf("request sent -> card changed   ms: %s%n", Figures.summary(toPage));
    System.out.printf("REST call alone (for scale)    ms: %s%n", Figures.summary(rest));
  }

  private static String loadAverage() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException e) {
      return "?";
    }
  }
}

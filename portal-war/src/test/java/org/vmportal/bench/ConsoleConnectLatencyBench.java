package org.vmportal.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.bidi.module.Script;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vmportal.bench.BenchVms.Vm;
import org.vmportal.e2e.support.ApiClient;
import org.vmportal.e2e.support.BrowserExtension;
import org.vmportal.e2e.support.Stack;

/**
 * Connect click to first painted frame, in headless Chromium, as a guest does it: the dashboard's
 * Connect button opens the console tab, which asks for a ticket, opens the tunnel and draws the
 * VM's screen. Every timestamp is taken inside the browser; see bench/console-connect-latency.sh
 * for what each phase covers. Arguments: tries, VM name prefix.
 */
public final class ConsoleConnectLatencyBench {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int WARM_UP = 1;

  /** The screen size of the last painted frame, for the report. */
  private static String lastSize = "?";

  /**
   * Installed by WebDriver BiDi before the page's own scripts, because the console tab connects as
   * soon as it loads: an observer attached after the tab opened would miss the start. Chromium runs
   * it in a new tab's initial about:blank document, whose window (and everything set on it) the
   * same-origin console page then keeps, so it must not depend on the location; hence also the
   * guard. It only wraps what console.js calls (fetch, WebSocket, the display's flush).
   */
  private static final String PROBE =
      """
      () => {
        if (window.__bench) return;
        const now = () => performance.timeOrigin + performance.now();
        const marks = { skew: Date.now() - now() };
        window.__bench = marks;
        const fetch0 = window.fetch;
        window.fetch = function (input) {
          const ticket = String(input).includes('/console-tickets');
          if (ticket) marks.ticketRequested = now();
          const answer = fetch0.apply(this, arguments);
          if (ticket) answer.then(() => { marks.ticketAnswered = now(); }, () => {});
          return answer;
        };
        // A frame counts as painted once its drawing is on the canvas with something lit on it
        // (the prompt's text): a black frame is not yet the VM's screen.
        const framePainted = (display) => {
          if (marks.firstPaint !== undefined) return;
          const t = now();
          if (marks.firstFrame === undefined && display.getWidth() > 0) marks.firstFrame = t;
          const canvas = display.getDefaultLayer().getCanvas();
          if (!canvas.width || !canvas.height) return;
          const px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
          let lit = 0;
          for (let i = 0; i < px.length; i += 4) if (px[i] + px[i + 1] + px[i + 2] > 200) lit++;
          if (lit >= 500) {
            marks.firstPaint = t;
            marks.lit = lit;
            marks.size = canvas.width + 'x' + canvas.height;
          }
        };
        const WS = window.WebSocket;
        window.WebSocket = class extends WS {
          constructor(url, protocols) {
            super(url, protocols);
            marks.socketRequested = now();
            this.addEventListener('open', () => { marks.socketOpen = now(); });
            this.addEventListener('message', (e) => {
              if (marks.tunnelOpen === undefined) marks.tunnelOpen = now();
              if (marks.firstSync === undefined && /(^|;)4\\.sync,/.test(e.data)) marks.firstSync = now();
            });
            // console.js has made its client just before the client opens this socket.
            const client = window.vmConsole && window.vmConsole.client();
            if (!client) return;
            const display = client.getDisplay();
            const flush = display.flush;
            display.flush = function (callback) {
              return flush.call(display, function () {
                framePainted(display);
                if (callback) callback();
              });
            };
          }
        };
      }
      """;

  /** Phases (mark, label, column), each from the previous mark (the first from the click). */
  private static final String[][] PHASES = {
    {"pageRequested", "click -> console page requested", "tab"},
    {"pageAnswered", "-> console page received", "page"},
    {"ticketRequested", "-> scripts run, ticket asked", "scripts"},
    {"ticketAnswered", "-> ticket answered", "ticket"},
    {"socketOpen", "-> WebSocket open", "socket"},
    {"tunnelOpen", "-> tunnel open (guacd joined)", "tunnel"},
    {"firstSync", "-> first sync (client connected)", "sync"},
    {"firstFrame", "-> first frame drawn (any content)", "frame"},
    {"firstPaint", "-> first lit frame painted", "lit"},
  };

  /** Selenium's notes (CDP version, OpenTelemetry) are not figures; held so they stay quiet. */
  private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

  private static final Logger OTEL_LOG = Logger.getLogger("io.opentelemetry");

  private ConsoleConnectLatencyBench() {}

  public static void main(String[] args) throws Exception {
    int tries = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    String prefix =
        args.length > 1 ? args[1] : "clat-" + UUID.randomUUID().toString().substring(0, 6);
    SELENIUM_LOG.setLevel(Level.SEVERE);
    OTEL_LOG.setLevel(Level.SEVERE);
    ChromeOptions options = BrowserExtension.chromeOptions();
    options.setCapability("webSocketUrl", true); // WebDriver BiDi, for the preload probe
    WebDriver browser = BrowserExtension.start(options);
    try (Script script = new Script(browser)) {
      script.addPreloadScript(PROBE);
      String user = System.getenv().getOrDefault("BENCH_USER", "carol");
      String password = System.getenv().getOrDefault("BENCH_PASSWORD", user + "123");
      ApiClient guest = ApiClient.signIn(browser, user, password, "guest-heading");
      try (BenchVms vms =
          new BenchVms(
              () -> guest,
              () -> {
                throw new IllegalStateException("the portal restarted: run the benchmark again");
              })) {
        List<Vm> created = vms.create(prefix, 1);
        if (created.isEmpty()) {
          throw new IllegalStateException("no VM could be created");
        }
        double boot = vms.awaitPrompts(Duration.ofMinutes(5));
        if (vms.list().isEmpty()) {
          throw new IllegalStateException("the VM never showed its prompt");
        }
        Vm vm = vms.list().get(0);
        System.out.printf("# VM %s at its prompt after %.1f s%n", vm.name(), boot);
        run(browser, vm, tries);
      }
    } finally {
      browser.quit();
    }
  }

  private static void run(WebDriver browser, Vm vm, int tries) throws Exception {
    String dashboard = browser.getWindowHandle();
    List<Map<String, Double>> results = new ArrayList<>();
    StringBuilder header = new StringBuilder("ms     ");
    for (String[] phase : PHASES) {
      header.append(String.format(" %7s", phase[2]));
    }
    System.out.println(header);
    for (int i = 1 - WARM_UP; i <= tries; i++) {
      Map<String, Double> marks = connectOnce(browser, dashboard, vm);
      Map<String, Double> phases = phases(marks);
      StringBuilder row = new StringBuilder(i < 1 ? "warm-up" : String.format("try %3d", i));
      phases.forEach((k, v) -> row.append(String.format(" %7.0f", v)));
      row.append(String.format("  total %6.0f ms", total(marks)));
      System.out.println(row);
      if (i >= 1) {
        results.add(marks);
      }
      // Let guacd end the closed session before the next one starts.
      Thread.sleep(2000);
    }
    System.out.printf("%nconnect click -> first painted frame, %d tries (ms):%n", tries);
    System.out.printf(
        "  %-34s %s%n", "total", Figures.summary(results.stream().map(m -> total(m)).toList()));
    System.out.println("split (ms, each from the previous line):");
    for (String[] phase : PHASES) {
      List<Double> values = results.stream().map(m -> phases(m).get(phase[0])).toList();
      System.out.printf("  %-34s %s%n", phase[1], Figures.summary(values));
    }
    System.out.println("coarse split (ms):");
    printSpan(results, "click -> ticket answered", "click", "ticketAnswered");
    printSpan(results, "ticket -> connected (first sync)", "ticketAnswered", "firstSync");
    printSpan(results, "connected -> first frame painted", "firstSync", "firstPaint");
    double skew =
        results.stream()
            .mapToDouble(m -> Math.abs(m.get("skew") - m.get("clickSkew")))
            .max()
            .orElse(0);
    System.out.printf("# clock check: tabs' wall clocks differ by at most %.1f ms%n", skew);
    System.out.printf(
        "# first painted frame of the last try: %s, %.0f lit pixels%n",
        lastSize, results.get(results.size() - 1).get("lit"));
  }

  private static void printSpan(
      List<Map<String, Double>> results, String label, String a, String b) {
    System.out.printf(
        "  %-34s %s%n",
        label, Figures.summary(results.stream().map(m -> m.get(b) - m.get(a)).toList()));
  }

  private static double total(Map<String, Double> marks) {
    return marks.get("firstPaint") - marks.get("click");
  }

  private static Map<String, Double> phases(Map<String, Double> marks) {
    Map<String, Double> phases = new LinkedHashMap<>();
    double previous = marks.get("click");
    for (String[] phase : PHASES) {
      double at = marks.get(phase[0]);
      phases.put(phase[0], at - previous);
      previous = at;
    }
    return phases;
  }

  /** One try: fresh dashboard, click Connect, wait for the painted frame, close the tab. */
  private static Map<String, Double> connectOnce(WebDriver browser, String dashboard, Vm vm)
      throws Exception {
    browser.switchTo().window(dashboard);
    browser.get(Stack.portalUrl() + "/");
    WebDriverWait wait = new WebDriverWait(browser, WAIT);
    wait.pollingEvery(Duration.ofMillis(50));
    wait.until(d -> "RUNNING".equals(cardText(d, vm, "vm-state")));
    js(
        browser,
        "document.addEventListener('click', (e) => {"
            + "  if (e.target.closest && e.target.closest('.vm-connect')) {"
            + "    window.__benchClick = performance.timeOrigin + performance.now();"
            + "    window.__benchClickSkew = Date.now() - window.__benchClick; } }, true);");
    Set<String> before = browser.getWindowHandles();
    clickConnect(browser, vm);
    wait.until(d -> d.getWindowHandles().size() > before.size());
    String tab =
        browser.getWindowHandles().stream()
            .filter(h -> !before.contains(h))
            .findFirst()
            .orElseThrow();
    browser.switchTo().window(tab);
    try {
      wait.until(d -> js(d, "return window.__bench && window.__bench.firstPaint") != null);
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new IllegalStateException(
          "no painted frame; console "
              + js(browser, "return JSON.stringify([window.vmConsole, window.__bench])"),
          e);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> raw =
        (Map<String, Object>)
            js(
                browser,
                "const n = performance.getEntriesByType('navigation')[0];"
                    + "window.__bench.pageRequested = performance.timeOrigin + n.requestStart;"
                    + "window.__bench.pageAnswered = performance.timeOrigin + n.responseEnd;"
                    + "return window.__bench");
    String state = String.valueOf(js(browser, "return window.vmConsole.state"));
    lastSize = String.valueOf(raw.get("size"));
    browser.close();
    browser.switchTo().window(dashboard);
    Map<String, Double> marks = new LinkedHashMap<>();
    raw.forEach(
        (k, v) -> {
          if (v instanceof Number n) {
            marks.put(k, n.doubleValue());
          }
        });
    marks.put("click", ((Number) js(browser, "return window.__benchClick")).doubleValue());
    marks.put("clickSkew", ((Number) js(browser, "return window.__benchClickSkew")).doubleValue());
    if (!"connected".equals(state)) {
      throw new IllegalStateException("console state after the first frame: " + state);
    }
    return marks;
  }

  private static void clickConnect(WebDriver browser, Vm vm) {
    // The dashboard's poll re-renders the cards every 5 s; a re-rendered button is clicked anew.
    for (int attempt = 0; ; attempt++) {
      try {
        card(browser, vm).findElement(By.className("vm-connect")).click();
        return;
      } catch (StaleElementReferenceException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  private static WebElement card(WebDriver browser, Vm vm) {
    return browser.findElement(By.cssSelector(".vm-card[data-vm-name='" + vm.name() + "']"));
  }

  private static String cardText(WebDriver browser, Vm vm, String className) {
    try {
      return card(browser, vm).findElement(By.className(className)).getText();
    } catch (StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
      return "";
    }
  }

  private static Object js(WebDriver browser, String script) {
    return ((JavascriptExecutor) browser).executeScript(script);
  }
}

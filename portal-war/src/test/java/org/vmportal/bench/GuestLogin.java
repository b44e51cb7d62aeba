package org.vmportal.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.vmportal.e2e.support.ApiClient;
import org.vmportal.e2e.support.Stack;

/**
 * A guest's portal session from bench/portal-login.sh (curl through Keycloak's login form), signed
 * in again on demand: others redeploy the portal now and then, and a restart ends every session.
 */
final class GuestLogin {

  private final String user;
  private final String password;
  private volatile String cookie;
  private volatile ApiClient api;

  GuestLogin(String user, String password) throws Exception {
    this.user = user;
    this.password = password;
    renew();
  }

  /** Signs in afresh, once the portal answers healthy again (up to three minutes). */
  synchronized void renew() throws Exception {
    awaitHealthy();
    Path root = Path.of(System.getProperty("bench.root", "."));
    Path jar = Files.createTempFile("bench-session", ".txt");
    try {
      Process login =
          new ProcessBuilder(
                  root.resolve("bench/portal-login.sh").toString(), jar.toString(), user, password)
              .inheritIO()
              .start();
      if (!login.waitFor(60, TimeUnit.SECONDS) || login.exitValue() != 0) {
        throw new IllegalStateException("bench/portal-login.sh failed for " + user);
      }
      String session =
          Files.readAllLines(jar).stream()
              .map(line -> line.split("\t"))
              .filter(f -> f.length == 7 && f[5].equals("JSESSIONID"))
              .map(f -> f[6])
              .reduce((first, last) -> last)
              .orElseThrow(() -> new IllegalStateException("no session cookie for " + user));
      cookie = "JSESSIONID=" + session;
      api = ApiClient.withSession(cookie);
    } finally {
      Files.deleteIfExists(jar);
    }
  }

  String cookie() {
    return cookie;
  }

  ApiClient api() {
    return api;
  }

  static void awaitHealthy() throws InterruptedException {
    for (int i = 0; i < 180; i++) {
      try {
        if (Stack.get(Stack.portalUrl() + "/health").body().contains("\"status\":\"UP\"")) {
          return;
        }
      } catch (Exception notYet) {
        // the portal is restarting
      }
      Thread.sleep(1000);
    }
    throw new IllegalStateException("the portal did not come back healthy in 3 minutes");
  }
}

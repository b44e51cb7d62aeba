package org.vmportal.e2e.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.vmportal.e2e.pages.PortalPage;

/**
 * Calls the portal's REST API with a real signed-in session: signs in through Keycloak's login page
 * in the browser, then sends the browser's session cookie, as the pages' own scripts do.
 */
public final class ApiClient {

  private final HttpClient http = Stack.httpClient();
  private final String cookie;

  private ApiClient(String cookie) {
    this.cookie = cookie;
  }

  /**
   * Signs in and takes over the session.
   *
   * @param browser a fresh browser
   * @param username who
   * @param password their password
   * @param landingElementId an id on their landing page
   * @return a client for that session
   */
  public static ApiClient signIn(
      WebDriver browser, String username, String password, String landingElementId) {
    PortalPage.signIn(browser, "/", username, password, landingElementId);
    Cookie session = browser.manage().getCookieNamed("JSESSIONID");
    return new ApiClient("JSESSIONID=" + session.getValue());
  }

  /**
   * Takes over a session signed in elsewhere (benchmarks sign in with curl, see
   * bench/portal-login.sh).
   *
   * @param cookieHeader {@code JSESSIONID=...}
   * @return a client for that session
   */
  public static ApiClient withSession(String cookieHeader) {
    return new ApiClient(cookieHeader);
  }

  /** A request builder for an API path with the session cookie and the CSRF header. */
  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(Stack.portalUrl() + "/api/" + path))
        .timeout(Duration.ofSeconds(60))
        .header("Cookie", cookie)
        .header("X-Requested-By", "e2e-test");
  }

  /** A request builder without the CSRF header, to prove it is required. */
  public HttpRequest.Builder requestWithoutCsrfHeader(String path) {
    return HttpRequest.newBuilder(URI.create(Stack.portalUrl() + "/api/" + path))
        .timeout(Duration.ofSeconds(60))
        .header("Cookie", cookie);
  }

  /**
   * Sends a request.
   *
   * @param request the request
   * @return the response, body as text
   */
  public HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** GET a path. */
  public HttpResponse<String> get(String path) throws Exception {
    return send(request(path).GET().build());
  }

  /** POST nothing to a path: an action such as {@code vms/7/start}. */
  public HttpResponse<String> post(String path) throws Exception {
    return send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  /** POST JSON to a path. */
  public HttpResponse<String> postJson(String path, String json) throws Exception {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  /** PUT one chunk of an upload. */
  public HttpResponse<String> putChunk(String uploadId, byte[] file, int from, int to)
      throws Exception {
    return send(
        request("uploads/" + uploadId)
            .header("Content-Type", "application/octet-stream")
            .header("Content-Range", "bytes " + from + "-" + (to - 1) + "/" + file.length)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(file, from, to - from))
            .build());
  }

  /** DELETE a path. */
  public HttpResponse<String> delete(String path) throws Exception {
    return send(request(path).DELETE().build());
  }
}

package org.vmportal.e2e.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Where the stack that {@code ./stack.sh up} started can be reached. Failsafe passes the addresses
 * from the parent POM; every address is on loopback.
 */
public final class Stack {

  private Stack() {}

  /** The portal's base URL, without a trailing slash. */
  public static String portalUrl() {
    return System.getProperty("it.portal.url", "http://127.0.0.1:8080");
  }

  /** Keycloak's base URL, without a trailing slash. */
  public static String keycloakUrl() {
    return System.getProperty("it.keycloak.url", "http://127.0.0.1:8180");
  }

  /** The realm's issuer URI. */
  public static String realmUrl() {
    return keycloakUrl() + "/realms/vmportal";
  }

  /** The stack's state folder (logs, pids, data). */
  public static Path stateDir() {
    return Path.of(System.getProperty("it.state.dir", ".stack"));
  }

  /** guacd's port on loopback. */
  public static int guacdPort() {
    return Integer.getInteger("it.guacd.port", 4822);
  }

  /** The portal database's JDBC URL. */
  public static String databaseUrl() {
    return System.getProperty("it.db.url", "jdbc:mysql://127.0.0.1:3306/vmportal");
  }

  /** A connection to the portal's database, as the portal's own user. */
  public static Connection database() throws SQLException {
    return DriverManager.getConnection(
        databaseUrl(),
        System.getProperty("it.db.user", "vmportal"),
        System.getProperty("it.db.password", "vmportal"));
  }

  /** How many deadlocks the database server has found since it started. */
  public static long databaseDeadlocks() throws SQLException {
    try (Connection db = database();
        Statement query = db.createStatement();
        ResultSet status = query.executeQuery("SHOW GLOBAL STATUS LIKE 'Innodb_deadlocks'")) {
      status.next();
      return status.getLong(2);
    }
  }

  /** An HTTP client that does not follow redirects, so a test sees each one. */
  public static HttpClient httpClient() {
    return HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  /**
   * A plain GET.
   *
   * @param url the address
   * @return the response, body as text
   */
  public static HttpResponse<String> get(String url) throws Exception {
    return httpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
  }
}

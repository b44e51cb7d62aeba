package org.vmportal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Writer;
import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import javax.servlet.http.HttpServletRequest;
import org.apache.guacamole.GuacamoleException;
import org.apache.guacamole.GuacamoleResourceNotFoundException;
import org.apache.guacamole.environment.LocalEnvironment;
import org.apache.guacamole.io.GuacamoleReader;
import org.apache.guacamole.io.GuacamoleWriter;
import org.apache.guacamole.net.GuacamoleTunnel;
import org.apache.guacamole.net.auth.AbstractAuthenticatedUser;
import org.apache.guacamole.net.auth.AbstractAuthenticationProvider;
import org.apache.guacamole.net.auth.AuthenticatedUser;
import org.apache.guacamole.net.auth.AuthenticationProvider;
import org.apache.guacamole.net.auth.Credentials;
import org.apache.guacamole.net.auth.Directory;
import org.apache.guacamole.net.auth.UserContext;
import org.apache.guacamole.net.auth.credentials.GuacamoleInvalidCredentialsException;
import org.apache.guacamole.properties.FileGuacamoleProperties;
import org.apache.guacamole.protocol.ConfiguredGuacamoleSocket;
import org.apache.guacamole.protocol.GuacamoleClientInformation;
import org.apache.guacamole.protocol.GuacamoleInstruction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebDriver;
import org.vmportal.e2e.support.ApiClient;
import org.vmportal.e2e.support.BrowserExtension;
import org.vmportal.e2e.support.Json;
import org.vmportal.e2e.support.Stack;
import org.vmportal.guacamole.VmPortalAuthenticationProvider;
import org.vmportal.guacamole.access.ConsoleDirectory;
import org.vmportal.guacamole.access.ConsoleKind;
import org.vmportal.guacamole.access.ConsoleTicket;
import org.vmportal.guacamole.access.TicketCodec;
import org.vmportal.guacamole.conf.DriverDataSource;
import org.vmportal.guacamole.connection.ConnectionIdentifiers;
import org.vmportal.guacamole.connection.WatchedTunnel;

/**
 * The Guacamole extension, driven through the guacamole-ext API exactly as a stock Guacamole web
 * app drives it (that web app cannot run here: its WAR is not on Maven Central), against the real
 * stack: the portal issues tickets, the extension reads the portal's MariaDB, and its tunnels reach
 * the real guacd and a real demo-OS VM.
 *
 * <p>The provider is created the way Guacamole 1.6 creates it, by its no-argument constructor, with
 * settings read by guacamole-ext's own {@code LocalEnvironment} from a GUACAMOLE_HOME written here.
 * Two stand-ins replace what only the web app has: the login request ({@code fakeLoginRequest}) and
 * a user signed in by Guacamole's OpenID extension ({@code FakeOpenIdLogin}).
 */
@ExtendWith(BrowserExtension.class)
class GuacamoleExtensionIT {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String TICKET = ConnectionIdentifiers.TICKET_PARAMETER;

  private static String ticketKey;
  private static Path guacamoleHome;
  private static VmPortalAuthenticationProvider provider;

  private ApiClient owner;
  private Long vmId;

  @BeforeAll
  static void installTheExtensionInAGuacamoleHome() throws Exception {
    Path keyFile = Stack.stateDir().resolve("console-ticket.key");
    assertThat(keyFile).as("the portal's ticket key, written by stack.sh up").exists();
    // stack.sh hands the portal $(cat file): the same characters, without a trailing newline.
    ticketKey = Files.readString(keyFile).strip();
    Path home = Files.createTempDirectory("guacamole-home");
    guacamoleHome = home;
    Properties settings = new Properties();
    settings.setProperty("guacd-hostname", "127.0.0.1");
    settings.setProperty("guacd-port", String.valueOf(Stack.guacdPort()));
    settings.setProperty("vmportal-jdbc-url", Stack.databaseUrl());
    settings.setProperty("vmportal-jdbc-username", "vmportal");
    settings.setProperty("vmportal-jdbc-password", "vmportal");
    settings.setProperty("vmportal-ticket-key", ticketKey);
    try (Writer out = Files.newBufferedWriter(home.resolve("guacamole.properties"))) {
      settings.store(out, "GuacamoleExtensionIT");
    }
    // LocalEnvironment finds GUACAMOLE_HOME once per JVM, from this property first; then the web
    // app's start-up (GuacamoleServletContextListener in 1.6) adds guacamole.properties to it, and
    // creates each extension's provider through its no-argument constructor.
    System.setProperty("guacamole.home", home.toString());
    LocalEnvironment environment = LocalEnvironment.getInstance();
    assertThat(environment.getGuacamoleHome().toPath()).isEqualTo(home);
    environment.addGuacamoleProperties(
        new FileGuacamoleProperties(home.resolve("guacamole.properties").toFile()));
    provider = new VmPortalAuthenticationProvider();
  }

  @AfterAll
  static void stopTheExtension() throws Exception {
    if (provider != null) {
      provider.shutdown();
    }
    // guacamole.properties holds the ticket key: no copy stays behind.
    if (guacamoleHome != null) {
      Files.deleteIfExists(guacamoleHome.resolve("guacamole.properties"));
      Files.deleteIfExists(guacamoleHome);
    }
  }

  @AfterEach
  void wipe() throws Exception {
    if (owner != null && vmId != null) {
      owner.delete("vms/" + vmId);
    }
  }

  @Test
  void aTicketOpensItsOwnersConsoleOnceAndNothingElse(
      WebDriver alicesBrowser, WebDriver bobsBrowser, WebDriver carolsBrowser) throws Exception {
    ApiClient alice = ApiClient.signIn(alicesBrowser, "alice", "alice123", "guest-heading");
    ApiClient bob = ApiClient.signIn(bobsBrowser, "bob", "bob123", "guest-heading");
    ApiClient carol = ApiClient.signIn(carolsBrowser, "carol", "carol123", "guest-heading");
    createRunningVm(alice, "guac-ticket");

    // The portal gives nobody else a ticket for alice's VM (bob: same tenant; carol: another).
    for (ApiClient intruder : new ApiClient[] {bob, carol}) {
      HttpResponse<String> refused = askForTicket(intruder, "desktop");
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(404);
    }

    String ticket = ticketFor(alice, "desktop");
    String stoppedVmTicket = ticketFor(alice, "desktop");

    // A ticket whose payload was changed by one character fails its signature.
    assertRefused(tampered(ticket), "not valid");

    AuthenticatedUser user = provider.authenticateUser(loginWith(ticket));
    assertThat(user.getIdentifier()).isEqualTo("alice");
    assertThat(user.getAuthenticationProvider().getIdentifier()).isEqualTo("vmportal");
    UserContext context = provider.getUserContext(user);
    Directory<org.apache.guacamole.net.auth.Connection> connections =
        context.getConnectionDirectory();
    String desktopId = ConnectionIdentifiers.of(vmId, ConsoleKind.DESKTOP);
    assertThat(connections.getIdentifiers()).containsExactly(desktopId);
    assertThat(context.getRootConnectionGroup().getConnectionIdentifiers())
        .containsExactly(desktopId);
    assertThat(context.self().getConnectionPermissions().getPermissions())
        .extracting(permission -> permission.getObjectIdentifier())
        .containsExactly(desktopId);
    assertThat(context.isValid()).isTrue();
    System.out.println(
        "[GuacamoleExtensionIT] deep link: https://guacamole.example/guacamole/"
            + ConnectionIdentifiers.clientRoute(desktopId)
            + "?"
            + TICKET
            + "=<ticket>");

    GuacamoleTunnel tunnel =
        connections.get(desktopId).connect(screen(), Map.of("GUAC_CLIENT_ADDRESS", "127.0.0.1"));
    try {
      // ConfiguredGuacamoleSocket has already read guacd's "ready", which names the connection.
      String guacdConnection = ((ConfiguredGuacamoleSocket) tunnel.getSocket()).getConnectionID();
      assertThat(guacdConnection).startsWith("$");
      Map<String, Integer> seen = readUntilImages(tunnel, Duration.ofSeconds(45), false);
      System.out.println(
          "[GuacamoleExtensionIT] desktop: guacd ready as "
              + guacdConnection
              + ", then opcodes "
              + seen);
      assertThat(imageInstructions(seen)).as("image instructions in " + seen).isPositive();

      // Used once, a ticket is spent; expired, forged-for-someone-else, or bearing no VM: refused.
      assertRefused(ticket, "already been used");
      assertRefused(expiredTicket(), "expired");
      assertRefused(issuedToSomeoneElse("bob"), "not available");
      assertRefused(issuedToSomeoneElse("carol"), "not available");

      // The VM stops: the open console ends and the ticket session turns invalid.
      HttpResponse<String> stopped = alice.post("vms/" + vmId + "/force-stop");
      assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
      Instant stoppedAt = Instant.now();
      String ending = readUntilEnd(tunnel, Duration.ofSeconds(10));
      System.out.println(
          "[GuacamoleExtensionIT] desktop after force-stop: "
              + ending
              + " after "
              + Duration.between(stoppedAt, Instant.now()).toMillis()
              + " ms");
      awaitTrue(() -> !context.isValid(), Duration.ofSeconds(10), "context turns invalid");
      System.out.println(
          "[GuacamoleExtensionIT] ticket context invalid "
              + Duration.between(stoppedAt, Instant.now()).toMillis()
              + " ms after the stop");
    } finally {
      tunnel.close();
    }

    // A ticket issued while the VM ran opens nothing once it has stopped; the portal issues none.
    assertRefused(stoppedVmTicket, "not available");
    HttpResponse<String> noTicket = askForTicket(alice, "desktop");
    assertThat(noTicket.statusCode()).as(noTicket.body()).isEqualTo(409);

    Map<String, Integer> audited = auditedViaExtension(vmId);
    System.out.println("[GuacamoleExtensionIT] audit rows via the extension: " + audited);
    // Redeemed + connection opened; replayed, expired, bob's, carol's, the stopped VM's refused.
    assertThat(audited.getOrDefault("SUCCESS", 0)).isGreaterThanOrEqualTo(2);
    assertThat(audited.getOrDefault("REFUSED", 0)).isGreaterThanOrEqualTo(5);
  }

  @Test
  void anOpenIdUserSeesTheirRunningVmsComeAndGo(WebDriver alicesBrowser) throws Exception {
    ApiClient alice = ApiClient.signIn(alicesBrowser, "alice", "alice123", "guest-heading");
    UserContext context = provider.getUserContext(new FakeOpenIdLogin("alice"));
    assertThat(context).as("a context for a user the portal knows").isNotNull();
    assertThat(context.getAuthenticationProvider().getIdentifier()).isEqualTo("vmportal");
    assertThat(provider.getUserContext(new FakeOpenIdLogin("nobody-the-portal-knows"))).isNull();

    createRunningVm(alice, "guac-openid");
    String desktopId = ConnectionIdentifiers.of(vmId, ConsoleKind.DESKTOP);
    String terminalId = ConnectionIdentifiers.of(vmId, ConsoleKind.TERMINAL);
    Directory<org.apache.guacamole.net.auth.Connection> connections =
        context.getConnectionDirectory();
    awaitTrue(
        () -> connections.getIdentifiers().contains(desktopId),
        Duration.ofSeconds(10),
        "the new VM appears");
    assertThat(connections.getIdentifiers()).contains(terminalId);
    assertThat(connections.get(terminalId).getConfiguration().getProtocol()).isEqualTo("telnet");
    assertThat(connections.get(desktopId).getConfiguration().getParameterNames()).isEmpty();
    UserContext bobs = provider.getUserContext(new FakeOpenIdLogin("bob"));
    if (bobs != null) {
      assertThat(bobs.getConnectionDirectory().getIdentifiers()).doesNotContain(desktopId);
    }

    org.apache.guacamole.net.auth.Connection terminal = connections.get(terminalId);
    GuacamoleTunnel tunnel = terminal.connect(screen(), Map.of());
    try {
      Map<String, Integer> seen = readUntilImages(tunnel, Duration.ofSeconds(60), true);
      System.out.println("[GuacamoleExtensionIT] terminal opcodes " + seen);
      assertThat(imageInstructions(seen)).as("image instructions in " + seen).isPositive();

      HttpResponse<String> stopped = alice.post("vms/" + vmId + "/force-stop");
      assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
      Instant stoppedAt = Instant.now();
      // An idle terminal gets no output from guacd: the extension's timer must end it.
      String ending = readUntilEnd(tunnel, Duration.ofSeconds(10));
      System.out.println(
          "[GuacamoleExtensionIT] terminal after force-stop: "
              + ending
              + " after "
              + Duration.between(stoppedAt, Instant.now()).toMillis()
              + " ms");
    } finally {
      tunnel.close();
    }
    awaitTrue(
        () -> !connections.getIdentifiers().contains(desktopId),
        Duration.ofSeconds(10),
        "the stopped VM vanishes");
    assertThat(connections.getIdentifiers()).doesNotContain(terminalId);
    // Another extension's user keeps their Guacamole session: only the stopped VM is gone.
    assertThat(context.isValid()).isTrue();
    assertThatThrownBy(() -> terminal.connect(screen(), Map.of()))
        .isInstanceOf(GuacamoleResourceNotFoundException.class)
        .hasMessageContaining("not available");
  }

  private void createRunningVm(ApiClient alice, String prefix) throws Exception {
    owner = alice;
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    HttpResponse<String> created =
        VmIsolationAndQuotaIT.create(alice, VmIsolationAndQuotaIT.demoLinuxId(alice), name);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    vmId = Json.number(created.body(), "id");
    assertThat(Json.string(created.body(), "state")).isEqualTo("RUNNING");
  }

  private HttpResponse<String> askForTicket(ApiClient api, String kind) throws Exception {
    return api.postJson("vms/" + vmId + "/console-tickets", "{\"kind\":\"" + kind + "\"}");
  }

  private String ticketFor(ApiClient api, String kind) throws Exception {
    HttpResponse<String> issued = askForTicket(api, kind);
    assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
    assertThat(Json.number(issued.body(), "expiresInSeconds")).isEqualTo(60);
    return Json.string(issued.body(), "ticket");
  }

  private static void assertRefused(String ticket, String why) {
    assertThatThrownBy(() -> provider.authenticateUser(loginWith(ticket)))
        .isInstanceOf(GuacamoleInvalidCredentialsException.class)
        .hasMessageContaining(why);
  }

  private static String tampered(String ticket) {
    char first = ticket.charAt(0);
    return (first == 'A' ? 'B' : 'A') + ticket.substring(1);
  }

  /** A genuine ticket for alice's VM, issued (and signed) as if it were five minutes ago. */
  private String expiredTicket() throws Exception {
    Clock fiveMinutesAgo = Clock.fixed(Instant.now().minusSeconds(300), ZoneOffset.UTC);
    ConsoleDirectory portalFiveMinutesAgo =
        new ConsoleDirectory(database(), codec(), fiveMinutesAgo);
    return portalFiveMinutesAgo.issue(userId("alice"), vmId, ConsoleKind.DESKTOP, "127.0.0.1");
  }

  /**
   * A correctly signed ticket with its row in console_tickets, naming another user and alice's VM:
   * what a portal tricked into issuing one would hand out. Only the ownership check stops it.
   */
  private String issuedToSomeoneElse(String username) throws Exception {
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    String id = HexFormat.of().formatHex(random);
    long userId = userId(username);
    try (Connection db = Stack.database();
        PreparedStatement insert =
            db.prepareStatement(
                "INSERT INTO console_tickets (id, user_id, target_id, kind, expires_at,"
                    + " client_address) VALUES (?, ?, ?, 'DESKTOP', NOW(3) + INTERVAL 60 SECOND,"
                    + " 'GuacamoleExtensionIT')")) {
      insert.setString(1, id);
      insert.setLong(2, userId);
      insert.setLong(3, vmId);
      insert.executeUpdate();
    }
    return codec()
        .seal(
            new ConsoleTicket(
                id, userId, vmId, ConsoleKind.DESKTOP, Instant.now().plusSeconds(60)));
  }

  private static TicketCodec codec() {
    return new TicketCodec(ticketKey.getBytes(StandardCharsets.UTF_8));
  }

  private static DriverDataSource database() {
    return new DriverDataSource(Stack.databaseUrl(), "vmportal", "vmportal");
  }

  private static long userId(String username) throws Exception {
    try (Connection db = Stack.database();
        PreparedStatement query = db.prepareStatement("SELECT id FROM users WHERE username = ?")) {
      query.setString(1, username);
      try (ResultSet row = query.executeQuery()) {
        assertThat(row.next()).as(username + " has signed in to the portal").isTrue();
        return row.getLong(1);
      }
    }
  }

  private static Map<String, Integer> auditedViaExtension(long vmId) throws Exception {
    Map<String, Integer> byOutcome = new TreeMap<>();
    try (Connection db = Stack.database();
        PreparedStatement query =
            db.prepareStatement(
                "SELECT outcome, COUNT(*) FROM audit_events WHERE action = 'CONSOLE_OPENED' AND"
                    + " target_type = 'vm' AND target_id = ? AND detail LIKE '%via Guacamole"
                    + " extension' GROUP BY outcome")) {
      query.setString(1, Long.toString(vmId));
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          byOutcome.put(row.getString(1), row.getInt(2));
        }
      }
    }
    return byOutcome;
  }

  /** A browser's screen as the web app describes it to guacd. */
  private static GuacamoleClientInformation screen() {
    GuacamoleClientInformation info = new GuacamoleClientInformation();
    info.setOptimalScreenWidth(1024);
    info.setOptimalScreenHeight(768);
    info.getImageMimetypes().add("image/png");
    info.getImageMimetypes().add("image/jpeg");
    return info;
  }

  private static int imageInstructions(Map<String, Integer> seen) {
    return seen.getOrDefault("img", 0)
        + seen.getOrDefault("png", 0)
        + seen.getOrDefault("jpeg", 0)
        + seen.getOrDefault("webp", 0);
  }

  /**
   * Reads guacd's instructions as a client does, answering each {@code sync}, until images have
   * arrived and a few frames have ended. For a terminal, presses Enter now and then so the shell
   * prints a prompt to draw.
   */
  private static Map<String, Integer> readUntilImages(
      GuacamoleTunnel tunnel, Duration max, boolean pressEnter) throws GuacamoleException {
    Map<String, Integer> seen = new TreeMap<>();
    Instant deadline = Instant.now().plus(max);
    Instant nextEnter = Instant.now();
    GuacamoleReader reader = tunnel.acquireReader();
    try {
      while (Instant.now().isBefore(deadline)
          && (imageInstructions(seen) == 0 || seen.getOrDefault("sync", 0) < 3)) {
        if (pressEnter && Instant.now().isAfter(nextEnter)) {
          send(tunnel, new GuacamoleInstruction("key", "65293", "1"));
          send(tunnel, new GuacamoleInstruction("key", "65293", "0"));
          nextEnter = Instant.now().plusSeconds(2);
        }
        GuacamoleInstruction instruction = reader.readInstruction();
        assertThat(instruction).as("guacd closed the tunnel after " + seen).isNotNull();
        assertThat(instruction.getOpcode()).as(instruction.toString()).isNotEqualTo("error");
        seen.merge(instruction.getOpcode(), 1, Integer::sum);
        answerSync(tunnel, instruction);
      }
    } finally {
      tunnel.releaseReader();
    }
    return seen;
  }

  /** Reads on until the tunnel ends, and says how it ended. */
  private static String readUntilEnd(GuacamoleTunnel tunnel, Duration max) {
    Instant deadline = Instant.now().plus(max);
    int instructions = 0;
    GuacamoleReader reader = tunnel.acquireReader();
    try {
      while (Instant.now().isBefore(deadline)) {
        GuacamoleInstruction instruction = reader.readInstruction();
        if (instruction == null) {
          return "end of stream after " + instructions + " instructions";
        }
        instructions++;
        if (instruction.getOpcode().equals("error")) {
          boolean byExtension = instruction.getArgs().get(0).equals(WatchedTunnel.ENDED_MESSAGE);
          return (byExtension ? "the extension's " : "guacd's ")
              + instruction
              + " after "
              + instructions
              + " instructions";
        }
        answerSync(tunnel, instruction);
      }
    } catch (GuacamoleException e) {
      return "closed ("
          + e.getClass().getSimpleName()
          + ") after "
          + instructions
          + " instructions";
    } finally {
      tunnel.releaseReader();
    }
    throw new AssertionError("The console stayed open for " + max + " after its VM stopped");
  }

  private static void answerSync(GuacamoleTunnel tunnel, GuacamoleInstruction instruction)
      throws GuacamoleException {
    if (instruction.getOpcode().equals("sync")) {
      send(tunnel, new GuacamoleInstruction("sync", instruction.getArgs().get(0)));
    }
  }

  private static void send(GuacamoleTunnel tunnel, GuacamoleInstruction instruction)
      throws GuacamoleException {
    GuacamoleWriter writer = tunnel.acquireWriter();
    try {
      writer.writeInstruction(instruction);
    } finally {
      tunnel.releaseWriter();
    }
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  private static void awaitTrue(Check check, Duration max, String what) throws Exception {
    Instant deadline = Instant.now().plus(max);
    while (!check.holds()) {
      assertThat(Instant.now()).as(what + " within " + max).isBefore(deadline);
      Thread.sleep(200);
    }
  }

  /** The login request the web app would pass on: the ticket as a parameter of /api/tokens. */
  private static Credentials loginWith(String ticket) {
    return new Credentials(null, null, fakeLoginRequest(Map.of(TICKET, ticket)));
  }

  /**
   * A stand-in for the web app's login request (the web app does not run here), answering what
   * guacamole-ext's RequestDetails copies from it.
   */
  private static HttpServletRequest fakeLoginRequest(Map<String, String> parameters) {
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            GuacamoleExtensionIT.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getParameter" -> parameters.get((String) args[0]);
                  case "getParameterValues" ->
                      parameters.containsKey((String) args[0])
                          ? new String[] {parameters.get((String) args[0])}
                          : null;
                  case "getParameterNames" -> Collections.enumeration(parameters.keySet());
                  case "getHeaderNames" -> Collections.emptyEnumeration();
                  case "getRemoteAddr", "getRemoteHost" -> "127.0.0.1";
                  case "getRequestURI" -> "/guacamole/api/tokens";
                  case "hashCode" -> System.identityHashCode(proxy);
                  case "equals" -> proxy == args[0];
                  case "toString" -> "fake login request";
                  default -> null;
                });
  }

  /**
   * A stand-in for a user signed in by Guacamole's OpenID extension against the portal's Keycloak
   * (username claim {@code preferred_username}): that extension needs the web app, which does not
   * run here. What the VM Portal extension sees of such a user is only this: an identifier, and a
   * provider that is not its own.
   */
  private static final class FakeOpenIdLogin extends AbstractAuthenticatedUser {

    private static final AuthenticationProvider OPENID =
        new AbstractAuthenticationProvider() {
          @Override
          public String getIdentifier() {
            return "openid";
          }
        };

    FakeOpenIdLogin(String preferredUsername) {
      setIdentifier(preferredUsername);
    }

    @Override
    public AuthenticationProvider getAuthenticationProvider() {
      return OPENID;
    }

    @Override
    public Credentials getCredentials() {
      return new Credentials(null, null, fakeLoginRequest(Map.of("state", "from-keycloak")));
    }
  }
}

package org.vmportal.guacamole.connection;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.guacamole.GuacamoleException;
import org.apache.guacamole.GuacamoleResourceNotFoundException;
import org.apache.guacamole.GuacamoleServerException;
import org.apache.guacamole.net.GuacamoleSocket;
import org.apache.guacamole.net.GuacamoleTunnel;
import org.apache.guacamole.net.InetGuacamoleSocket;
import org.apache.guacamole.net.SSLGuacamoleSocket;
import org.apache.guacamole.net.SimpleGuacamoleTunnel;
import org.apache.guacamole.net.auth.GuacamoleProxyConfiguration;
import org.apache.guacamole.protocol.ConfiguredGuacamoleSocket;
import org.apache.guacamole.protocol.GuacamoleClientInformation;
import org.vmportal.guacamole.ConsoleAuditService;
import org.vmportal.guacamole.access.ConsoleDirectory;
import org.vmportal.guacamole.access.ConsoleTarget;

/**
 * Opens a console: checks again that the user may open it now, connects to guacd with the console's
 * configuration (VNC or telnet; host, port and password stay on the server), records it, and hands
 * back a tunnel that ends itself when the console must end.
 */
public class ConsoleConnector {

  /** What the person sees when the console is gone by the time they connect. */
  public static final String NOT_AVAILABLE =
      "This VM's console is not available to you. It may have stopped, been deleted, or never"
          + " been yours.";

  private final ConsoleDirectory consoles;
  private final GuacamoleProxyConfiguration guacd;
  private final ConsoleAuditService audit;
  private final Clock clock;
  private final ScheduledExecutorService watchTimer;

  /**
   * A connector.
   *
   * @param consoles the portal's console directory
   * @param guacd where guacd listens (Guacamole's {@code guacd-hostname}, {@code guacd-port},
   *     {@code guacd-ssl})
   * @param audit the portal's audit log
   * @param clock the time console checks are spaced by
   * @param watchTimer runs the timed checks of open consoles
   */
  public ConsoleConnector(
      ConsoleDirectory consoles,
      GuacamoleProxyConfiguration guacd,
      ConsoleAuditService audit,
      Clock clock,
      ScheduledExecutorService watchTimer) {
    this.consoles = Objects.requireNonNull(consoles, "consoles");
    this.guacd = Objects.requireNonNull(guacd, "guacd");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.watchTimer = Objects.requireNonNull(watchTimer, "watchTimer");
  }

  /**
   * Opens a console.
   *
   * @param console whose console of which VM
   * @param client the browser's screen size and formats
   * @param clientAddress where the browser is, for the audit log
   * @return a tunnel to guacd, already past guacd's {@code ready}
   * @throws GuacamoleResourceNotFoundException when the VM is no longer running or the user's
   * @throws GuacamoleException when guacd or the database cannot be reached
   */
  public WatchedTunnel connect(
      UserConsole console, GuacamoleClientInformation client, String clientAddress)
      throws GuacamoleException {
    Optional<ConsoleTarget> target;
    try {
      target = consoles.target(console.userId(), console.vmId(), console.kind());
    } catch (SQLException e) {
      throw new GuacamoleServerException("The VM Portal database could not be reached", e);
    }
    String kind = console.kind().name().toLowerCase(Locale.ROOT);
    if (target.isEmpty()) {
      audit.refused(
          console.username(),
          console.vmId(),
          "connection to the " + kind + " console refused: not running or not theirs",
          clientAddress);
      throw new GuacamoleResourceNotFoundException(NOT_AVAILABLE);
    }
    GuacamoleTunnel tunnel = open(target.get(), client);
    try {
      audit.opened(
          console.username(),
          console.vmId(),
          "connection to the " + kind + " console of " + target.get().vmName() + " opened",
          clientAddress);
    } catch (GuacamoleException e) {
      tunnel.close();
      throw e;
    }
    return WatchedTunnel.watch(tunnel, new TargetWatch(consoles, console, clock), watchTimer);
  }

  private GuacamoleTunnel open(ConsoleTarget target, GuacamoleClientInformation client)
      throws GuacamoleException {
    GuacamoleSocket socket =
        guacd.getEncryptionMethod() == GuacamoleProxyConfiguration.EncryptionMethod.SSL
            ? new SSLGuacamoleSocket(guacd.getHostname(), guacd.getPort())
            : new InetGuacamoleSocket(guacd.getHostname(), guacd.getPort());
    try {
      return new SimpleGuacamoleTunnel(
          new ConfiguredGuacamoleSocket(socket, target.configuration(), client));
    } catch (GuacamoleException e) {
      socket.close();
      throw e;
    }
  }
}

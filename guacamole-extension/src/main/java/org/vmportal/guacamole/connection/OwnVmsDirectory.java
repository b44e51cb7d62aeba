package org.vmportal.guacamole.connection;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.guacamole.GuacamoleException;
import org.apache.guacamole.GuacamoleSecurityException;
import org.apache.guacamole.GuacamoleServerException;
import org.apache.guacamole.net.auth.Connection;
import org.apache.guacamole.net.auth.Directory;
import org.vmportal.guacamole.access.ConsoleDirectory;
import org.vmportal.guacamole.access.ConsoleKind;
import org.vmportal.guacamole.access.ConsoleTarget;

/**
 * A live, read-only directory of a user's running VMs: one desktop connection per VM, and a
 * terminal connection where the VM has a serial port. It asks the portal's database when read, at
 * most every {@link #FRESHNESS}, so connections appear and vanish as VMs start and stop.
 */
public class OwnVmsDirectory implements Directory<Connection> {

  /** How long one read of the user's VMs is reused. */
  public static final Duration FRESHNESS = Duration.ofSeconds(2);

  private final String username;
  private final ConsoleDirectory consoles;
  private final ConsoleConnector connector;
  private final String loginAddress;
  private final Clock clock;
  private Map<String, Connection> connections = Map.of();
  private Instant readAt;

  /**
   * The directory of one user's VMs.
   *
   * @param username the portal user ({@code users.username})
   * @param consoles the portal's console directory
   * @param connector opens consoles
   * @param loginAddress where the user signed in from
   * @param clock the time reads are spaced by
   */
  public OwnVmsDirectory(
      String username,
      ConsoleDirectory consoles,
      ConsoleConnector connector,
      String loginAddress,
      Clock clock) {
    this.username = Objects.requireNonNull(username, "username");
    this.consoles = Objects.requireNonNull(consoles, "consoles");
    this.connector = Objects.requireNonNull(connector, "connector");
    this.loginAddress = loginAddress;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Connection get(String identifier) throws GuacamoleException {
    return connections().get(identifier);
  }

  @Override
  public Collection<Connection> getAll(Collection<String> identifiers) throws GuacamoleException {
    Map<String, Connection> current = connections();
    List<Connection> found = new ArrayList<>();
    for (String identifier : identifiers) {
      Connection connection = current.get(identifier);
      if (connection != null) {
        found.add(connection);
      }
    }
    return found;
  }

  @Override
  public Set<String> getIdentifiers() throws GuacamoleException {
    return Set.copyOf(connections().keySet());
  }

  @Override
  public void add(Connection object) throws GuacamoleException {
    throw readOnly();
  }

  @Override
  public void update(Connection object) throws GuacamoleException {
    throw readOnly();
  }

  @Override
  public void remove(String identifier) throws GuacamoleException {
    throw readOnly();
  }

  private synchronized Map<String, Connection> connections() throws GuacamoleException {
    Instant now = clock.instant();
    if (readAt != null && now.isBefore(readAt.plus(FRESHNESS))) {
      return connections;
    }
    Map<String, Connection> current = new LinkedHashMap<>();
    try {
      for (ConsoleKind kind : ConsoleKind.values()) {
        for (ConsoleTarget target : consoles.ownTargets(username, kind)) {
          UserConsole console = new UserConsole(username, target.ownerId(), target.vmId(), kind);
          VmConnection connection =
              new VmConnection(console, target.vmName(), connector, loginAddress);
          current.put(connection.getIdentifier(), connection);
        }
      }
    } catch (SQLException e) {
      throw new GuacamoleServerException("The VM Portal database could not be reached", e);
    }
    connections = current;
    readAt = now;
    return current;
  }

  private static GuacamoleSecurityException readOnly() {
    return new GuacamoleSecurityException("VMs are managed in the portal.");
  }
}

package org.vmportal.guacamole.access;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.vmportal.guacamole.access.TicketRefusedException.Reason;

/**
 * The one implementation of console tickets and console lookup, shared by the portal's tunnel and
 * the Guacamole extension: both read the portal's database through this class, so the rules (who
 * may open which console, single use, running VMs only) cannot drift apart.
 *
 * <p>Who may open a VM's console: its owner, or a platform admin. A console exists only while the
 * VM is running (or paused, for a console already open) and its port is known.
 */
public class ConsoleDirectory {

  /** How long a ticket can be opened after it is issued. */
  public static final Duration TICKET_LIFETIME = Duration.ofSeconds(60);

  private static final String PLATFORM_ADMIN = "PLATFORM_ADMIN";
  private static final String RUNNING = "RUNNING";
  private static final String PAUSED = "PAUSED";
  private static final String NOT_AVAILABLE =
      "This VM's console is not available to you. It may have stopped, been deleted, or never been"
          + " yours.";

  private static final String TARGET_QUERY =
      "SELECT v.id, v.name, v.owner_id, v.tenant_id, v.state, v.vnc_port, v.serial_port,"
          + " v.vnc_password, h.console_address FROM vms v JOIN hosts h ON h.id = v.host_id ";

  private final DataSource dataSource;
  private final TicketCodec codec;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /**
   * A directory over the portal's database.
   *
   * @param dataSource the portal's database
   * @param codec signs and checks tickets with the shared key
   * @param clock the time tickets are checked against
   */
  public ConsoleDirectory(DataSource dataSource, TicketCodec codec, Clock clock) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Issues a ticket for a console the user may open now.
   *
   * @param userId the portal user
   * @param vmId the VM
   * @param kind desktop or terminal
   * @param clientAddress where the request came from, kept with the ticket
   * @return the signed ticket string
   * @throws TicketRefusedException NOT_AVAILABLE when the VM is not the user's, not running or has
   *     no such console
   * @throws SQLException when the database fails
   */
  public String issue(long userId, long vmId, ConsoleKind kind, String clientAddress)
      throws TicketRefusedException, SQLException {
    try (Connection c = dataSource.getConnection()) {
      requireTarget(c, userId, vmId, kind);
      ConsoleTicket ticket =
          new ConsoleTicket(
              newTicketId(), userId, vmId, kind, clock.instant().plus(TICKET_LIFETIME));
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO console_tickets (id, user_id, target_id, kind, expires_at, client_address)"
                  + " VALUES (?, ?, ?, ?, NOW(3) + INTERVAL ? SECOND, ?)")) {
        insert.setString(1, ticket.id());
        insert.setLong(2, userId);
        insert.setLong(3, vmId);
        insert.setString(4, kind.name());
        insert.setLong(5, TICKET_LIFETIME.toSeconds());
        insert.setString(6, clientAddress);
        insert.executeUpdate();
      }
      return codec.seal(ticket);
    }
  }

  /**
   * Opens a ticket, once: checks its signature and expiry, that it is presented by the user it was
   * issued to, marks it used, and looks the console up.
   *
   * @param token the signed ticket string
   * @param username the signed-in user presenting it ({@code users.username}); null when the ticket
   *     itself is the credential (the Guacamole extension's ticket login)
   * @return the ticket and where its console is
   * @throws TicketRefusedException for any reason the console must not open
   * @throws SQLException when the database fails
   */
  public Redeemed redeem(String token, String username)
      throws TicketRefusedException, SQLException {
    ConsoleTicket ticket = codec.open(token, clock.instant());
    try (Connection c = dataSource.getConnection()) {
      if (username != null && !username.equals(usernameOf(c, ticket.userId()).orElse(null))) {
        throw new TicketRefusedException(
            Reason.WRONG_USER, "This console link was issued to someone else.");
      }
      try (PreparedStatement use =
          c.prepareStatement(
              "UPDATE console_tickets SET redeemed_at = NOW(3) WHERE id = ? AND user_id = ?"
                  + " AND target_id = ? AND kind = ? AND redeemed_at IS NULL AND expires_at > NOW(3)")) {
        use.setString(1, ticket.id());
        use.setLong(2, ticket.userId());
        use.setLong(3, ticket.vmId());
        use.setString(4, ticket.kind().name());
        if (use.executeUpdate() != 1) {
          throw new TicketRefusedException(
              Reason.ALREADY_USED,
              "This console link has already been used. Open the console again from the portal.");
        }
      }
      return new Redeemed(ticket, requireTarget(c, ticket.userId(), ticket.vmId(), ticket.kind()));
    }
  }

  /**
   * The console, if the user may still open it: the check a live session repeats to know when it
   * must end (VM stopped, hibernated, deleted, given to someone else).
   *
   * @param userId the portal user
   * @param vmId the VM
   * @param kind desktop or terminal
   * @return the target, or empty when the session must end
   * @throws SQLException when the database fails
   */
  public Optional<ConsoleTarget> target(long userId, long vmId, ConsoleKind kind)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return target(c, userId, vmId, kind);
    }
  }

  /**
   * The consoles of the user's own running VMs, for a directory of connections.
   *
   * @param username the user ({@code users.username})
   * @param kind desktop or terminal
   * @return one target per running VM with that console, by VM name
   * @throws SQLException when the database fails
   */
  public List<ConsoleTarget> ownTargets(String username, ConsoleKind kind) throws SQLException {
    List<ConsoleTarget> targets = new ArrayList<>();
    if (kind == ConsoleKind.INSTALLER) {
      return targets; // installers belong to no user's directory
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement query =
            c.prepareStatement(
                TARGET_QUERY
                    + "JOIN users u ON u.id = v.owner_id WHERE u.username = ? AND u.enabled"
                    + " AND v.state = ? ORDER BY v.name, v.id")) {
      query.setString(1, username);
      query.setString(2, RUNNING);
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          toTarget(row, kind).ifPresent(targets::add);
        }
      }
    }
    return targets;
  }

  /**
   * The portal user's id by user name, for a user signed in to Guacamole by another provider.
   *
   * @param username {@code users.username}
   * @return the id, or empty for an unknown or disabled user
   * @throws SQLException when the database fails
   */
  public Optional<Long> userId(String username) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement query =
            c.prepareStatement("SELECT id FROM users WHERE username = ? AND enabled")) {
      query.setString(1, username);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
      }
    }
  }

  /**
   * Deletes tickets that expired more than a day ago; the audit log keeps their history.
   *
   * @return how many were deleted
   * @throws SQLException when the database fails
   */
  public int purgeExpiredTickets() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement delete =
            c.prepareStatement(
                "DELETE FROM console_tickets WHERE expires_at < NOW(3) - INTERVAL 1 DAY")) {
      return delete.executeUpdate();
    }
  }

  /**
   * An enabled user's name, for a ticket that is itself the credential.
   *
   * @param userId {@code users.id}
   * @return {@code users.username}, or empty for an unknown or disabled user
   * @throws SQLException when the database fails
   */
  public Optional<String> username(long userId) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return usernameOf(c, userId);
    }
  }

  private ConsoleTarget requireTarget(Connection c, long userId, long vmId, ConsoleKind kind)
      throws TicketRefusedException, SQLException {
    return target(c, userId, vmId, kind)
        .orElseThrow(() -> new TicketRefusedException(Reason.NOT_AVAILABLE, NOT_AVAILABLE));
  }

  private Optional<ConsoleTarget> target(Connection c, long userId, long vmId, ConsoleKind kind)
      throws SQLException {
    boolean admin;
    try (PreparedStatement user =
        c.prepareStatement("SELECT role FROM users WHERE id = ? AND enabled")) {
      user.setLong(1, userId);
      try (ResultSet row = user.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        admin = PLATFORM_ADMIN.equals(row.getString(1));
      }
    }
    if (kind == ConsoleKind.INSTALLER) {
      return admin ? installerTarget(c, vmId) : Optional.empty();
    }
    try (PreparedStatement query = c.prepareStatement(TARGET_QUERY + "WHERE v.id = ?")) {
      query.setLong(1, vmId);
      try (ResultSet row = query.executeQuery()) {
        // A paused VM keeps its console (its screen is frozen); any other state ends it.
        if (!row.next()
            || !(RUNNING.equals(row.getString("state")) || PAUSED.equals(row.getString("state")))) {
          return Optional.empty();
        }
        if (!admin && row.getLong("owner_id") != userId) {
          return Optional.empty();
        }
        return toTarget(row, kind);
      }
    }
  }

  /** Installer VMs run on the portal's own hypervisor, the first host. */
  private static Optional<ConsoleTarget> installerTarget(Connection c, long baseImageId)
      throws SQLException {
    try (PreparedStatement query =
        c.prepareStatement(
            "SELECT b.id, b.name, b.created_by, b.installer_vnc_port, b.installer_vnc_password,"
                + " (SELECT h.console_address FROM hosts h ORDER BY h.id LIMIT 1) AS address"
                + " FROM base_images b WHERE b.id = ? AND b.state = 'BUILDING'"
                + " AND b.installer_domain IS NOT NULL AND b.installer_vnc_port IS NOT NULL")) {
      query.setLong(1, baseImageId);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next() || row.getString("address") == null) {
          return Optional.empty();
        }
        return Optional.of(
            new ConsoleTarget(
                row.getLong("id"),
                "Installer for " + row.getString("name"),
                row.getLong("created_by"),
                null,
                ConsoleKind.INSTALLER,
                row.getString("address"),
                row.getInt("installer_vnc_port"),
                row.getString("installer_vnc_password")));
      }
    }
  }

  private static Optional<ConsoleTarget> toTarget(ResultSet row, ConsoleKind kind)
      throws SQLException {
    int port = row.getInt(kind == ConsoleKind.DESKTOP ? "vnc_port" : "serial_port");
    if (row.wasNull() || port <= 0) {
      return Optional.empty();
    }
    return Optional.of(
        new ConsoleTarget(
            row.getLong("id"),
            row.getString("name"),
            row.getLong("owner_id"),
            row.getLong("tenant_id"),
            kind,
            row.getString("console_address"),
            port,
            row.getString("vnc_password")));
  }

  private static Optional<String> usernameOf(Connection c, long userId) throws SQLException {
    try (PreparedStatement query =
        c.prepareStatement("SELECT username FROM users WHERE id = ? AND enabled")) {
      query.setLong(1, userId);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
      }
    }
  }

  private String newTicketId() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * A ticket that was opened and the console it opens.
   *
   * @param ticket the ticket
   * @param target where its console is
   */
  public record Redeemed(ConsoleTicket ticket, ConsoleTarget target) {}
}

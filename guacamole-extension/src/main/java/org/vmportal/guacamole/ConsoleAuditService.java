package org.vmportal.guacamole;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Objects;
import javax.sql.DataSource;
import org.apache.guacamole.GuacamoleException;
import org.apache.guacamole.GuacamoleServerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the portal's audit log ({@code audit_events}) for consoles opened through Guacamole: a
 * ticket redeemed, a connection opened, or either refused. Rows read like the portal's own ({@code
 * CONSOLE_OPENED} on target {@code vm}), and their detail says "via Guacamole extension".
 */
public class ConsoleAuditService {

  /** The action the portal's own console tunnel records too. */
  public static final String CONSOLE_OPENED = "CONSOLE_OPENED";

  /** Who is named when nobody could be identified (a forged or garbled ticket). */
  public static final String ANONYMOUS = "anonymous";

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleAuditService.class);
  private static final String VIA = " via Guacamole extension";

  // The tenant is the actor's, or else the VM's: a refused ticket may name no known user.
  private static final String INSERT =
      "INSERT INTO audit_events (actor, tenant_id, action, target_type, target_id, outcome,"
          + " detail, client_address) VALUES (?, COALESCE((SELECT tenant_id FROM users WHERE"
          + " username = ?), (SELECT tenant_id FROM vms WHERE id = ?)), ?, ?, ?, ?, ?, ?)";

  private final DataSource dataSource;

  /**
   * An audit log in the portal's database.
   *
   * @param dataSource the portal's database
   */
  public ConsoleAuditService(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /**
   * Records a console that opens. A console whose opening cannot be recorded does not open.
   *
   * @param actor the portal username
   * @param vmId the VM
   * @param what what happened, for people
   * @param clientAddress where the request came from, or null
   * @throws GuacamoleException when the row cannot be written
   */
  public void opened(String actor, long vmId, String what, String clientAddress)
      throws GuacamoleException {
    try {
      insert(actor, vmId, "SUCCESS", what, clientAddress);
    } catch (SQLException e) {
      throw new GuacamoleServerException("The console could not be recorded in the audit log", e);
    }
  }

  /**
   * Records a refusal. A failure to record it is logged, and the refusal stands.
   *
   * @param actor the portal username, or {@link #ANONYMOUS}
   * @param vmId the VM, or null when unknown
   * @param why the reason, for people
   * @param clientAddress where the request came from, or null
   */
  public void refused(String actor, Long vmId, String why, String clientAddress) {
    try {
      insert(actor, vmId, "REFUSED", why, clientAddress);
    } catch (SQLException e) {
      LOG.warn("Could not record a refused console in the audit log: {}", e.getMessage());
    }
  }

  private void insert(String actor, Long vmId, String outcome, String detail, String address)
      throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert = c.prepareStatement(INSERT)) {
      insert.setString(1, truncate(actor, 128));
      insert.setString(2, actor);
      setVmId(insert, 3, vmId);
      insert.setString(4, CONSOLE_OPENED);
      insert.setString(5, vmId == null ? null : "vm");
      insert.setString(6, vmId == null ? null : Long.toString(vmId));
      insert.setString(7, outcome);
      insert.setString(8, truncate(detail + VIA, 1024));
      insert.setString(9, truncate(address, 64));
      insert.executeUpdate();
    }
  }

  private static void setVmId(PreparedStatement statement, int index, Long vmId)
      throws SQLException {
    if (vmId == null) {
      statement.setNull(index, Types.BIGINT);
    } else {
      statement.setLong(index, vmId);
    }
  }

  private static String truncate(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}

package org.vmportal.e2e.support;

import java.sql.Connection;
import java.sql.PreparedStatement;

/**
 * VM rows written straight into the database, without a domain or disk: enough for tables and
 * filters, which read rows only. They are STOPPED (or another state no timer acts on), so neither
 * the reconciler nor the orphan sweep touches them; a test removes them by their name prefix.
 */
public final class SeededVms {

  private SeededVms() {}

  /**
   * Writes {@code count} rows named {@code prefix-00}, {@code prefix-01} … owned by a user who has
   * signed in at least once, on the Demo Linux image and the local host.
   *
   * @param owner the owner's username
   * @param prefix the names' prefix, unique to the test
   * @param count how many
   * @param state STOPPED, HIBERNATED or ERROR
   */
  public static void insert(String owner, String prefix, int count, String state) throws Exception {
    try (Connection db = Stack.database();
        PreparedStatement insert =
            db.prepareStatement(
                "INSERT INTO vms (tenant_id, owner_id, host_id, base_image_id, name, domain_name,"
                    + " state, state_reason, vcpus, memory_mib, disk_gib, overlay_volume,"
                    + " vnc_password)"
                    + " SELECT u.tenant_id, u.id, h.id, b.id, ?, ?, ?, ?, 1, 128, 1, ?, 'x'"
                    + " FROM users u, hosts h, base_images b"
                    + " WHERE u.username = ? AND h.name = 'local' AND b.name = 'Demo Linux'")) {
      for (int i = 0; i < count; i++) {
        String name = String.format("%s-%02d", prefix, i);
        String domain = "seed-" + Integer.toHexString(name.hashCode()) + "-" + i;
        insert.setString(1, name);
        insert.setString(2, domain);
        insert.setString(3, state);
        insert.setString(4, "ERROR".equals(state) ? "Seeded: the disk went away" : null);
        insert.setString(5, domain + ".qcow2");
        insert.setString(6, owner);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /**
   * Removes the rows a test wrote.
   *
   * @param prefix the names' prefix
   */
  public static void delete(String prefix) throws Exception {
    try (Connection db = Stack.database();
        PreparedStatement delete =
            db.prepareStatement(
                "DELETE FROM vms WHERE name LIKE ? AND domain_name LIKE 'seed-%'")) {
      delete.setString(1, prefix + "-%");
      delete.executeUpdate();
    }
  }
}

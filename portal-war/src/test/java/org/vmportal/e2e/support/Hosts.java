package org.vmportal.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Hosts added to the table as an operator might (removed through the portal, which discards the
 * spares it keeps on them), and which host a VM was placed on.
 */
public final class Hosts {

  private Hosts() {}

  /** Adds a host with 64 vCPUs and {@code memoryMib} of memory; returns its id. */
  public static long insert(String name, String uri, long memoryMib) throws Exception {
    try (Connection db = Stack.database();
        PreparedStatement insert =
            db.prepareStatement(
                "INSERT INTO hosts (name, uri, max_vcpus, max_memory_mib) VALUES (?, ?, 64, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
      insert.setString(1, name);
      insert.setString(2, uri);
      insert.setLong(3, memoryMib);
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        assertThat(keys.next()).isTrue();
        return keys.getLong(1);
      }
    }
  }

  /** A host's id by name. */
  public static long id(String name) throws Exception {
    return single("SELECT id FROM hosts WHERE name = ?", name);
  }

  /** The host a VM was placed on. */
  public static long of(long vmId) throws Exception {
    return single("SELECT host_id FROM vms WHERE id = ?", vmId);
  }

  private static long single(String sql, Object key) throws Exception {
    try (Connection db = Stack.database();
        PreparedStatement query = db.prepareStatement(sql)) {
      query.setObject(1, key);
      try (ResultSet row = query.executeQuery()) {
        assertThat(row.next()).as(sql + " with " + key).isTrue();
        return row.getLong(1);
      }
    }
  }
}

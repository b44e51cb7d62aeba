package org.vmportal.e2e.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** Reads the portal's audit trail, as the tests' proof that refusals are recorded. */
public final class Audit {

  private Audit() {}

  /**
   * How many refusals the trail holds for one person.
   *
   * @param actor the username
   * @return the count
   */
  public static long refusals(String actor) throws Exception {
    return count(
        "SELECT COUNT(*) FROM audit_events WHERE actor = ? AND outcome = 'REFUSED'", actor);
  }

  /**
   * How many lines of one action the trail holds for one target.
   *
   * @param action such as {@code CONSOLE_CLOSED}
   * @param targetId the target's id
   * @return the count
   */
  public static long actions(String action, String targetId) throws Exception {
    try (Connection db = Stack.database();
        PreparedStatement q =
            db.prepareStatement(
                "SELECT COUNT(*) FROM audit_events WHERE action = ? AND target_id = ?")) {
      q.setString(1, action);
      q.setString(2, targetId);
      try (ResultSet row = q.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  /**
   * {@link #actions} for a wait loop: a database hiccup counts as "not yet".
   *
   * @param action the action
   * @param targetId the target's id
   * @return the count, or 0 when the database could not be asked
   */
  public static long actionsQuietly(String action, String targetId) {
    try {
      return actions(action, targetId);
    } catch (Exception e) {
      return 0;
    }
  }

  private static long count(String sql, String parameter) throws Exception {
    try (Connection db = Stack.database();
        PreparedStatement q = db.prepareStatement(sql)) {
      q.setString(1, parameter);
      try (ResultSet row = q.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }
}

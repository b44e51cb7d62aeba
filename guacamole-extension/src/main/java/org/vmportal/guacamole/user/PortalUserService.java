package org.vmportal.guacamole.user;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** Looks up portal users by id, for a ticket that names its user only by id. */
public class PortalUserService {

  private final DataSource dataSource;

  /**
   * Users in the portal's database.
   *
   * @param dataSource the portal's database
   */
  public PortalUserService(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /**
   * An enabled user's name.
   *
   * @param userId {@code users.id}
   * @return {@code users.username}, or empty for an unknown or disabled user
   * @throws SQLException when the database fails
   */
  public Optional<String> username(long userId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement query =
            c.prepareStatement("SELECT username FROM users WHERE id = ? AND enabled")) {
      query.setLong(1, userId);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
      }
    }
  }
}

package org.vmportal.guacamole.user;

import java.util.Objects;
import java.util.Set;
import org.apache.guacamole.GuacamoleException;
import org.apache.guacamole.net.auth.AbstractUser;
import org.apache.guacamole.net.auth.Connection;
import org.apache.guacamole.net.auth.Directory;
import org.apache.guacamole.net.auth.permission.ObjectPermissionSet;
import org.apache.guacamole.net.auth.simple.SimpleObjectPermissionSet;
import org.vmportal.guacamole.connection.ConnectionIdentifiers;

/**
 * The signed-in user as the extension's data source shows them: allowed to read (that is, open)
 * exactly the connections their directory holds at the moment, and nothing else.
 */
public class PortalUser extends AbstractUser {

  private final Directory<Connection> connections;

  /**
   * A user and their connections.
   *
   * @param username the portal username
   * @param connections the directory whose connections they may open
   */
  public PortalUser(String username, Directory<Connection> connections) {
    this.connections = Objects.requireNonNull(connections, "connections");
    setIdentifier(Objects.requireNonNull(username, "username"));
  }

  @Override
  public ObjectPermissionSet getConnectionPermissions() throws GuacamoleException {
    return new SimpleObjectPermissionSet(connections.getIdentifiers());
  }

  @Override
  public ObjectPermissionSet getConnectionGroupPermissions() {
    return new SimpleObjectPermissionSet(Set.of(ConnectionIdentifiers.ROOT_GROUP));
  }
}

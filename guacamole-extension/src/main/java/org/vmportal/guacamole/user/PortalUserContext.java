package org.vmportal.guacamole.user;

import java.util.Objects;
import org.apache.guacamole.net.auth.AbstractUserContext;
import org.apache.guacamole.net.auth.AuthenticationProvider;
import org.apache.guacamole.net.auth.Connection;
import org.apache.guacamole.net.auth.Directory;
import org.apache.guacamole.net.auth.User;
import org.vmportal.guacamole.connection.TargetWatch;

/**
 * What the extension gives a signed-in user: a directory of VM consoles, in one of two shapes.
 *
 * <ul>
 *   <li>For a ticket login: exactly the ticket's console, and a session that is valid only while
 *       that console is (VM running and still theirs, checked at most every couple of seconds).
 *       When it is not, Guacamole 1.6 ends the session, which closes its tunnel.
 *   <li>For a user signed in by another extension (OpenID against the portal's Keycloak): the live
 *       directory of their running VMs. This context stays valid when a VM stops, because in
 *       Guacamole an invalid context ends the user's whole session, connections of other extensions
 *       included; the connection to a stopped VM ends by itself instead (see {@link
 *       org.vmportal.guacamole.connection.WatchedTunnel}).
 * </ul>
 */
public class PortalUserContext extends AbstractUserContext {

  private final AuthenticationProvider provider;
  private final Directory<Connection> connections;
  private final User self;
  private final TargetWatch sessionWatch;

  /**
   * A context.
   *
   * @param provider the extension's provider
   * @param username the portal username
   * @param connections the consoles the user may open
   * @param sessionWatch for a ticket login, the check that its console may stay open; null when the
   *     session does not depend on one console
   */
  public PortalUserContext(
      AuthenticationProvider provider,
      String username,
      Directory<Connection> connections,
      TargetWatch sessionWatch) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.connections = Objects.requireNonNull(connections, "connections");
    this.self = new PortalUser(username, connections);
    this.sessionWatch = sessionWatch;
  }

  @Override
  public User self() {
    return self;
  }

  @Override
  public AuthenticationProvider getAuthenticationProvider() {
    return provider;
  }

  @Override
  public Directory<Connection> getConnectionDirectory() {
    return connections;
  }

  @Override
  public boolean isValid() {
    return sessionWatch == null || sessionWatch.stillAvailable();
  }
}

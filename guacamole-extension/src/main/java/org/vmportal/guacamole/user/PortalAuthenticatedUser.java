package org.vmportal.guacamole.user;

import java.util.Objects;
import org.apache.guacamole.net.auth.AbstractAuthenticatedUser;
import org.apache.guacamole.net.auth.AuthenticationProvider;
import org.apache.guacamole.net.auth.Credentials;
import org.vmportal.guacamole.access.ConsoleDirectory.Redeemed;

/**
 * A portal user signed in to Guacamole with a console ticket: identified by their portal username,
 * and remembering the one console the ticket opened.
 */
public class PortalAuthenticatedUser extends AbstractAuthenticatedUser {

  private final AuthenticationProvider provider;
  private final Credentials credentials;
  private final Redeemed ticket;

  /**
   * A ticket login.
   *
   * @param provider the extension's provider
   * @param credentials what the browser sent
   * @param username the ticket's user ({@code users.username})
   * @param ticket the redeemed ticket and its console
   */
  public PortalAuthenticatedUser(
      AuthenticationProvider provider, Credentials credentials, String username, Redeemed ticket) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.credentials = credentials;
    this.ticket = Objects.requireNonNull(ticket, "ticket");
    setIdentifier(Objects.requireNonNull(username, "username"));
  }

  /**
   * The ticket this user signed in with.
   *
   * @return the ticket and the console it opened
   */
  public Redeemed ticket() {
    return ticket;
  }

  @Override
  public AuthenticationProvider getAuthenticationProvider() {
    return provider;
  }

  @Override
  public Credentials getCredentials() {
    return credentials;
  }
}

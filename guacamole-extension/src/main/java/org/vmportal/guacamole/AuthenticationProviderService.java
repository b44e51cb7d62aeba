package org.vmportal.guacamole;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apache.guacamole.GuacamoleException;
import org.apache.guacamole.GuacamoleServerException;
import org.apache.guacamole.net.auth.AuthenticatedUser;
import org.apache.guacamole.net.auth.AuthenticationProvider;
import org.apache.guacamole.net.auth.Credentials;
import org.apache.guacamole.net.auth.UserContext;
import org.apache.guacamole.net.auth.credentials.CredentialsInfo;
import org.apache.guacamole.net.auth.credentials.GuacamoleInvalidCredentialsException;
import org.apache.guacamole.net.auth.simple.SimpleDirectory;
import org.vmportal.guacamole.access.ConsoleDirectory;
import org.vmportal.guacamole.access.ConsoleDirectory.Redeemed;
import org.vmportal.guacamole.access.ConsoleKind;
import org.vmportal.guacamole.access.ConsoleTarget;
import org.vmportal.guacamole.access.ConsoleTicket;
import org.vmportal.guacamole.access.TicketCodec;
import org.vmportal.guacamole.access.TicketRefusedException;
import org.vmportal.guacamole.connection.ConsoleConnector;
import org.vmportal.guacamole.connection.OwnVmsDirectory;
import org.vmportal.guacamole.connection.TargetWatch;
import org.vmportal.guacamole.connection.UserConsole;
import org.vmportal.guacamole.connection.VmConnection;
import org.vmportal.guacamole.user.PortalAuthenticatedUser;
import org.vmportal.guacamole.user.PortalUserContext;

/**
 * What the provider does: signs a user in with a portal console ticket, and gives each signed-in
 * user their consoles (the ticket's one, or the live directory of their running VMs).
 */
public class AuthenticationProviderService {

  private final AuthenticationProvider provider;
  private final ConsoleDirectory consoles;
  private final TicketCodec codec;
  private final ConsoleAuditService audit;
  private final ConsoleConnector connector;
  private final Clock clock;

  /**
   * The service.
   *
   * @param provider the provider it works for
   * @param consoles the portal's console directory
   * @param codec the ticket codec the directory uses, to name the VM of a refused ticket
   * @param audit the portal's audit log
   * @param connector opens consoles
   * @param clock the time checks are spaced by
   */
  public AuthenticationProviderService(
      AuthenticationProvider provider,
      ConsoleDirectory consoles,
      TicketCodec codec,
      ConsoleAuditService audit,
      ConsoleConnector connector,
      Clock clock) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.consoles = Objects.requireNonNull(consoles, "consoles");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.connector = Objects.requireNonNull(connector, "connector");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Signs in with the portal ticket in the request, once: the ticket is redeemed here.
   *
   * @param credentials what the web app received
   * @return the ticket's user, or null when the request carries no ticket (other extensions may
   *     then sign the user in)
   * @throws GuacamoleInvalidCredentialsException when the ticket is refused; its message says why
   * @throws GuacamoleException when the portal's database cannot be reached
   */
  public AuthenticatedUser authenticateUser(Credentials credentials) throws GuacamoleException {
    String token = TicketParameter.of(credentials);
    if (token == null) {
      return null;
    }
    String address = credentials.getRemoteAddress();
    try {
      Redeemed redeemed = consoles.redeem(token, null);
      ConsoleTarget target = redeemed.target();
      if (target.kind() == ConsoleKind.INSTALLER) {
        // Installer consoles are an admin tool of the portal's own; their audit names base images.
        throw refused(token, address, "installer ticket", "Installer consoles open in the portal.");
      }
      Optional<String> username = consoles.username(redeemed.ticket().userId());
      if (username.isEmpty()) {
        throw refused(token, address, "the ticket's user no longer exists or is disabled");
      }
      audit.opened(
          username.get(), target.vmId(), "ticket redeemed for the " + describe(target), address);
      return new PortalAuthenticatedUser(provider, credentials, username.get(), redeemed);
    } catch (TicketRefusedException e) {
      throw refused(token, address, e.reason() + ": " + e.getMessage(), e.getMessage());
    } catch (SQLException e) {
      throw new GuacamoleServerException("The VM Portal database could not be reached", e);
    }
  }

  /**
   * The consoles of a signed-in user.
   *
   * @param user a user signed in by this extension (with a ticket) or by another one
   * @return the ticket's console; or the user's running VMs; or null for a user the portal does not
   *     know
   * @throws GuacamoleException when the portal's database cannot be reached
   */
  public UserContext getUserContext(AuthenticatedUser user) throws GuacamoleException {
    String address =
        user.getCredentials() == null ? null : user.getCredentials().getRemoteAddress();
    if (user instanceof PortalAuthenticatedUser ticketUser
        && ticketUser.getAuthenticationProvider() == provider) {
      return ticketContext(ticketUser, address);
    }
    String username = user.getIdentifier();
    if (username == null || AuthenticatedUser.ANONYMOUS_IDENTIFIER.equals(username)) {
      return null;
    }
    try {
      if (consoles.userId(username).isEmpty()) {
        return null;
      }
    } catch (SQLException e) {
      throw new GuacamoleServerException("The VM Portal database could not be reached", e);
    }
    return new PortalUserContext(
        provider,
        username,
        new OwnVmsDirectory(username, consoles, connector, address, clock),
        null);
  }

  private UserContext ticketContext(PortalAuthenticatedUser user, String address) {
    Redeemed redeemed = user.ticket();
    ConsoleTicket ticket = redeemed.ticket();
    UserConsole console =
        new UserConsole(user.getIdentifier(), ticket.userId(), ticket.vmId(), ticket.kind());
    VmConnection connection =
        new VmConnection(console, redeemed.target().vmName(), connector, address);
    return new PortalUserContext(
        provider,
        user.getIdentifier(),
        new SimpleDirectory<>(connection),
        new TargetWatch(consoles, console, clock));
  }

  private GuacamoleInvalidCredentialsException refused(String token, String address, String why) {
    return refused(
        token, address, why, "This console link cannot be used. Open the console from the portal.");
  }

  private GuacamoleInvalidCredentialsException refused(
      String token, String address, String why, String message) {
    Long vmId = null;
    String detail = "ticket refused (" + why + ")";
    try {
      // Opened "at the epoch", a ticket skips the expiry check: only its signature decides whether
      // its ids can be trusted, so the record can say whose ticket for which VM was refused.
      ConsoleTicket ticket = codec.open(token, Instant.EPOCH);
      vmId = ticket.kind() == ConsoleKind.INSTALLER ? null : ticket.vmId();
      detail += " issued to user " + ticket.userId();
    } catch (TicketRefusedException unsigned) {
      // A forged or garbled ticket names nobody.
    }
    audit.refused(ConsoleAuditService.ANONYMOUS, vmId, detail, address);
    return new GuacamoleInvalidCredentialsException(message, CredentialsInfo.EMPTY);
  }

  private static String describe(ConsoleTarget target) {
    return target.kind().name().toLowerCase(Locale.ROOT) + " console of " + target.vmName();
  }
}

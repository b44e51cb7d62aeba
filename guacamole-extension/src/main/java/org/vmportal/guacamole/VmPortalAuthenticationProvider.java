package org.vmportal.guacamole;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;
import org.apache.guacamole.GuacamoleException;
import org.apache.guacamole.environment.Environment;
import org.apache.guacamole.environment.LocalEnvironment;
import org.apache.guacamole.net.auth.AbstractAuthenticationProvider;
import org.apache.guacamole.net.auth.AuthenticatedUser;
import org.apache.guacamole.net.auth.Credentials;
import org.apache.guacamole.net.auth.UserContext;
import org.vmportal.guacamole.access.ConsoleDirectory;
import org.vmportal.guacamole.access.TicketCodec;
import org.vmportal.guacamole.conf.ConfigurationService;
import org.vmportal.guacamole.conf.DriverDataSource;
import org.vmportal.guacamole.connection.ConnectionIdentifiers;
import org.vmportal.guacamole.connection.ConsoleConnector;

/**
 * The VM Portal's authentication provider for a stock Guacamole web app (identifier {@value
 * #IDENTIFIER}). It signs users in with the portal's console tickets, which deep-link to one VM's
 * console, and gives every signed-in user whom the portal knows, whichever extension signed them
 * in, a live directory of their running VMs.
 *
 * <p>Guacamole asks every provider for a user context ({@link #getUserContext}) and shows all of
 * them side by side, so that, not {@code decorate}, is how a user signed in by the OpenID extension
 * gets their VMs (that extension has no context of its own to decorate). Decoration is therefore
 * left as guacamole-ext's pass-through.
 */
public class VmPortalAuthenticationProvider extends AbstractAuthenticationProvider {

  /** The provider's identifier, also the data source name in the web app's links. */
  public static final String IDENTIFIER = ConnectionIdentifiers.DATA_SOURCE;

  private final AuthenticationProviderService service;
  private final ScheduledExecutorService consoleWatchTimer =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "vmportal-console-watch");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * The provider as Guacamole creates it: settings from {@code
   * GUACAMOLE_HOME/guacamole.properties}.
   *
   * @throws GuacamoleException when a required setting is missing or wrong
   */
  public VmPortalAuthenticationProvider() throws GuacamoleException {
    this(LocalEnvironment.getInstance(), Clock.systemUTC());
  }

  /**
   * A provider with the settings of a given environment.
   *
   * @param environment where {@code guacamole.properties} comes from
   * @param clock the time tickets and console checks use
   * @throws GuacamoleException when a required setting is missing or wrong
   */
  public VmPortalAuthenticationProvider(Environment environment, Clock clock)
      throws GuacamoleException {
    ConfigurationService settings = new ConfigurationService(environment);
    DataSource database =
        new DriverDataSource(settings.jdbcUrl(), settings.jdbcUsername(), settings.jdbcPassword());
    TicketCodec codec = new TicketCodec(settings.ticketKey());
    ConsoleDirectory consoles = new ConsoleDirectory(database, codec, clock);
    ConsoleAuditService audit = new ConsoleAuditService(database);
    ConsoleConnector connector =
        new ConsoleConnector(consoles, settings.guacd(), audit, clock, consoleWatchTimer);
    this.service =
        new AuthenticationProviderService(this, consoles, codec, audit, connector, clock);
  }

  @Override
  public String getIdentifier() {
    return IDENTIFIER;
  }

  @Override
  public AuthenticatedUser authenticateUser(Credentials credentials) throws GuacamoleException {
    return service.authenticateUser(credentials);
  }

  @Override
  public UserContext getUserContext(AuthenticatedUser authenticatedUser) throws GuacamoleException {
    return service.getUserContext(authenticatedUser);
  }
}

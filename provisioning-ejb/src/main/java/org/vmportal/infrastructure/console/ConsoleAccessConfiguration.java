package org.vmportal.infrastructure.console;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.vmportal.guacamole.access.ConsoleDirectory;
import org.vmportal.guacamole.access.TicketCodec;
import org.vmportal.infrastructure.persistence.SchemaMigration;

/**
 * Wires the console directory shared with the Guacamole extension: the portal's data source and the
 * ticket key ({@code portal.console.ticket-key}, at least 32 characters; the extension must be
 * given the same key). Without a key, a random one is made at start-up: the portal's own consoles
 * work, tickets for an external Guacamole do not.
 */
@ApplicationScoped
public class ConsoleAccessConfiguration {

  private static final Logger LOG = Logger.getLogger(ConsoleAccessConfiguration.class.getName());

  @Resource(lookup = SchemaMigration.DATA_SOURCE)
  private DataSource dataSource;

  @Inject
  @ConfigProperty(name = "portal.console.ticket-key")
  Optional<String> ticketKey;

  private ConsoleDirectory directory;

  @PostConstruct
  void open() {
    byte[] key;
    if (ticketKey.isPresent() && !ticketKey.get().isBlank()) {
      key = ticketKey.get().getBytes(StandardCharsets.UTF_8);
    } else {
      LOG.warning(
          "portal.console.ticket-key is not set: using a random key; the Guacamole extension"
              + " cannot check this portal's tickets");
      key = new byte[TicketCodec.MIN_KEY_BYTES];
      new SecureRandom().nextBytes(key);
    }
    directory = new ConsoleDirectory(dataSource, new TicketCodec(key), Clock.systemUTC());
  }

  /**
   * The directory; {@code @Inject ConsoleDirectory} resolves to it.
   *
   * @return the application's one directory
   */
  @Produces
  public ConsoleDirectory directory() {
    return directory;
  }
}

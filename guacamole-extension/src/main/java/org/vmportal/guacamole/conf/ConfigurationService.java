package org.vmportal.guacamole.conf;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.guacamole.GuacamoleException;
import org.apache.guacamole.GuacamoleServerException;
import org.apache.guacamole.environment.Environment;
import org.apache.guacamole.net.auth.GuacamoleProxyConfiguration;
import org.apache.guacamole.properties.GuacamoleProperty;
import org.apache.guacamole.properties.StringGuacamoleProperty;
import org.vmportal.guacamole.access.TicketCodec;

/**
 * The extension's settings, read from {@code guacamole.properties} through guacamole-ext's property
 * classes: where the portal's database is, and the key the portal signs console tickets with.
 * guacd's address is Guacamole's own {@code guacd-hostname} / {@code guacd-port} / {@code
 * guacd-ssl}.
 */
public class ConfigurationService {

  /** The portal's database, for example {@code jdbc:mysql://db:3306/vmportal}. */
  public static final StringGuacamoleProperty JDBC_URL = named("vmportal-jdbc-url");

  /**
   * The database user: it reads users, vms and hosts, marks console_tickets used and writes
   * audit_events.
   */
  public static final StringGuacamoleProperty JDBC_USERNAME = named("vmportal-jdbc-username");

  /** The database user's password. */
  public static final StringGuacamoleProperty JDBC_PASSWORD = named("vmportal-jdbc-password");

  /**
   * The portal's console ticket key ({@code PORTAL_CONSOLE_TICKET_KEY}), at least {@value
   * TicketCodec#MIN_KEY_BYTES} bytes as UTF-8, exactly as the portal is given it.
   */
  public static final StringGuacamoleProperty TICKET_KEY = named("vmportal-ticket-key");

  private final Environment environment;

  /**
   * Settings from an environment.
   *
   * @param environment Guacamole's environment (its {@code guacamole.properties})
   */
  public ConfigurationService(Environment environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /**
   * The JDBC URL of the portal's database.
   *
   * @return {@code vmportal-jdbc-url}
   * @throws GuacamoleException when the property is missing
   */
  public String jdbcUrl() throws GuacamoleException {
    return required(JDBC_URL, "the portal's database, e.g. jdbc:mysql://db:3306/vmportal");
  }

  /**
   * The database user.
   *
   * @return {@code vmportal-jdbc-username}
   * @throws GuacamoleException when the property is missing
   */
  public String jdbcUsername() throws GuacamoleException {
    return required(JDBC_USERNAME, "the portal database's user");
  }

  /**
   * The database user's password.
   *
   * @return {@code vmportal-jdbc-password}, possibly empty
   * @throws GuacamoleException when the property is missing
   */
  public String jdbcPassword() throws GuacamoleException {
    return required(JDBC_PASSWORD, "the portal database user's password");
  }

  /**
   * The console ticket key's bytes.
   *
   * @return {@code vmportal-ticket-key} as UTF-8
   * @throws GuacamoleException when the property is missing or too short
   */
  public byte[] ticketKey() throws GuacamoleException {
    byte[] key =
        required(TICKET_KEY, "the portal's PORTAL_CONSOLE_TICKET_KEY")
            .getBytes(StandardCharsets.UTF_8);
    if (key.length < TicketCodec.MIN_KEY_BYTES) {
      throw new GuacamoleServerException(
          TICKET_KEY.getName()
              + " in guacamole.properties is too short: the VM Portal extension needs the"
              + " portal's ticket key, at least "
              + TicketCodec.MIN_KEY_BYTES
              + " bytes.");
    }
    return key;
  }

  /**
   * Where guacd listens, from Guacamole's own {@code guacd-hostname}, {@code guacd-port} and {@code
   * guacd-ssl}.
   *
   * @return the proxy configuration
   * @throws GuacamoleException when those properties cannot be parsed
   */
  public GuacamoleProxyConfiguration guacd() throws GuacamoleException {
    return environment.getDefaultGuacamoleProxyConfiguration();
  }

  private String required(GuacamoleProperty<String> property, String meaning)
      throws GuacamoleException {
    String value = environment.getProperty(property);
    if (value == null) {
      throw new GuacamoleServerException(
          "guacamole.properties has no "
              + property.getName()
              + " ("
              + meaning
              + "), which the VM Portal extension requires.");
    }
    return value;
  }

  private static StringGuacamoleProperty named(String name) {
    return new StringGuacamoleProperty() {
      @Override
      public String getName() {
        return name;
      }
    };
  }
}

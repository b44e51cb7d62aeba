package org.vmportal.guacamole;

import java.io.File;
import java.util.Map;
import java.util.Properties;
import org.apache.guacamole.GuacamoleException;
import org.apache.guacamole.GuacamoleServerException;
import org.apache.guacamole.environment.Environment;
import org.apache.guacamole.net.auth.GuacamoleProxyConfiguration;
import org.apache.guacamole.properties.GuacamoleProperty;
import org.apache.guacamole.protocols.ProtocolInfo;

/**
 * A stand-in for guacamole-ext's {@code LocalEnvironment}: that is one singleton per JVM, to which
 * the web app adds guacamole.properties at start-up and from which settings cannot be removed, so
 * unit tests that each need other settings cannot each have one. It parses values with
 * guacamole-ext's real property classes and applies LocalEnvironment's guacd defaults. The
 * end-to-end test ({@code GuacamoleExtensionIT}) uses the real LocalEnvironment.
 */
public class FakeGuacamoleEnvironment implements Environment {

  private final Properties properties = new Properties();

  /**
   * An environment whose guacamole.properties would hold these settings.
   *
   * @param settings property names and values
   */
  public FakeGuacamoleEnvironment(Map<String, String> settings) {
    properties.putAll(settings);
  }

  @Override
  public File getGuacamoleHome() {
    return new File("/nonexistent/guacamole-home");
  }

  @Override
  public Map<String, ProtocolInfo> getProtocols() {
    return Map.of();
  }

  @Override
  public ProtocolInfo getProtocol(String name) {
    return null;
  }

  @Override
  public <T> T getProperty(GuacamoleProperty<T> property) throws GuacamoleException {
    return property.parseValue(properties.getProperty(property.getName()));
  }

  @Override
  public <T> T getProperty(GuacamoleProperty<T> property, T defaultValue)
      throws GuacamoleException {
    T value = getProperty(property);
    return value == null ? defaultValue : value;
  }

  @Override
  public <T> T getRequiredProperty(GuacamoleProperty<T> property) throws GuacamoleException {
    T value = getProperty(property);
    if (value == null) {
      throw new GuacamoleServerException("Property " + property.getName() + " is required.");
    }
    return value;
  }

  @Override
  public GuacamoleProxyConfiguration getDefaultGuacamoleProxyConfiguration()
      throws GuacamoleException {
    return new GuacamoleProxyConfiguration(
        getProperty(Environment.GUACD_HOSTNAME, "localhost"),
        getProperty(Environment.GUACD_PORT, 4822),
        getProperty(Environment.GUACD_SSL, false));
  }
}

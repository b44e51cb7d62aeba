package org.vmportal.guacamole.connection;

import java.util.Date;
import java.util.Map;
import java.util.Objects;
import org.apache.guacamole.GuacamoleException;
import org.apache.guacamole.net.GuacamoleTunnel;
import org.apache.guacamole.net.auth.AbstractConnection;
import org.apache.guacamole.protocol.GuacamoleClientInformation;
import org.apache.guacamole.protocol.GuacamoleConfiguration;
import org.vmportal.guacamole.access.ConsoleKind;

/**
 * One console of one VM as a Guacamole connection. It shows only its name and protocol: the VM's
 * host, port and password are looked up again on every {@link #connect}, which also re-checks that
 * the VM is still running and still the user's.
 */
public class VmConnection extends AbstractConnection {

  // The standard token the web app fills with the browser's address (guacamole-ext's
  // StandardTokens, deprecated in 1.6, names it the same).
  private static final String CLIENT_ADDRESS_TOKEN = "GUAC_CLIENT_ADDRESS";

  private final UserConsole console;
  private final ConsoleConnector connector;
  private final String loginAddress;

  /**
   * A connection for a console.
   *
   * @param console whose console of which VM
   * @param vmName the VM's name, shown as the connection's name
   * @param connector opens the console
   * @param loginAddress where the user signed in from, when Guacamole gives no client address
   */
  public VmConnection(
      UserConsole console, String vmName, ConsoleConnector connector, String loginAddress) {
    this.console = Objects.requireNonNull(console, "console");
    this.connector = Objects.requireNonNull(connector, "connector");
    this.loginAddress = loginAddress;
    setIdentifier(ConnectionIdentifiers.of(console.vmId(), console.kind()));
    setName(console.kind() == ConsoleKind.TERMINAL ? vmName + " (terminal)" : vmName);
    setParentIdentifier(ConnectionIdentifiers.ROOT_GROUP);
    // Only the protocol, for the web app's icons; parameters would carry the VNC password.
    GuacamoleConfiguration visible = new GuacamoleConfiguration();
    visible.setProtocol(console.kind().protocol());
    setConfiguration(visible);
  }

  /**
   * The console this connection opens.
   *
   * @return whose console of which VM
   */
  public UserConsole console() {
    return console;
  }

  @Override
  public GuacamoleTunnel connect(GuacamoleClientInformation info, Map<String, String> tokens)
      throws GuacamoleException {
    String address =
        tokens == null ? loginAddress : tokens.getOrDefault(CLIENT_ADDRESS_TOKEN, loginAddress);
    return connector.connect(console, info, address);
  }

  @Override
  public int getActiveConnections() {
    // Like guacamole-ext's SimpleConnection, no count: the portal's sessions page counts them.
    return 0;
  }

  @Override
  public Date getLastActive() {
    return null;
  }

  @Override
  public Map<String, String> getAttributes() {
    return Map.of();
  }

  @Override
  public void setAttributes(Map<String, String> attributes) {
    // Read-only: the portal owns everything about its VMs.
  }
}

package org.vmportal.guacamole.access;

import java.util.Objects;
import org.apache.guacamole.protocol.GuacamoleConfiguration;

/**
 * Where one console of one running VM is reached from guacd. Never leaves the server: the address,
 * port and password stay between the portal (or Guacamole) and guacd.
 *
 * @param vmId the VM (for an installer console: the base image being built)
 * @param vmName its name, shown as the tab title
 * @param ownerId the owning portal user (for an installer: the admin who started the build)
 * @param tenantId the VM's tenant; null for an installer
 * @param kind desktop or terminal
 * @param address the hypervisor host's address as guacd sees it
 * @param port the VNC or telnet serial port there
 * @param vncPassword the VM's VNC password, for desktops
 */
public record ConsoleTarget(
    long vmId,
    String vmName,
    long ownerId,
    Long tenantId,
    ConsoleKind kind,
    String address,
    int port,
    String vncPassword) {

  /** Everything guacd needs is present. */
  public ConsoleTarget {
    Objects.requireNonNull(vmName, "vmName");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(address, "address");
  }

  /**
   * The guacd connection for this console.
   *
   * @return protocol {@code vnc} (hostname, port, password) or {@code telnet} (hostname, port)
   */
  public GuacamoleConfiguration configuration() {
    GuacamoleConfiguration config = new GuacamoleConfiguration();
    config.setProtocol(kind.protocol());
    config.setParameter("hostname", address);
    config.setParameter("port", Integer.toString(port));
    if (kind != ConsoleKind.TERMINAL) {
      config.setParameter("password", vncPassword);
    } else {
      // The guest's shell is already logged in on ttyS0; no login prompt to answer.
      config.setParameter("color-scheme", "gray-black");
      config.setParameter("font-size", "12");
    }
    return config;
  }
}

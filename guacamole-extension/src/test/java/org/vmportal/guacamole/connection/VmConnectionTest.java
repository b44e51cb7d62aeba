package org.vmportal.guacamole.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.Executors;
import org.apache.guacamole.net.auth.GuacamoleProxyConfiguration;
import org.junit.jupiter.api.Test;
import org.vmportal.guacamole.ConsoleAuditService;
import org.vmportal.guacamole.access.ConsoleDirectory;
import org.vmportal.guacamole.access.ConsoleKind;
import org.vmportal.guacamole.access.TicketCodec;
import org.vmportal.guacamole.conf.DriverDataSource;

class VmConnectionTest {

  // Never connected to: building connections reads nothing from the database.
  private static final DriverDataSource NO_DATABASE =
      new DriverDataSource("jdbc:mysql://127.0.0.1:1/vmportal", "nobody", "none");
  private static final ConsoleConnector CONNECTOR =
      new ConsoleConnector(
          new ConsoleDirectory(
              NO_DATABASE,
              new TicketCodec("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)),
              Clock.systemUTC()),
          new GuacamoleProxyConfiguration("127.0.0.1", 4822, false),
          new ConsoleAuditService(NO_DATABASE),
          Clock.systemUTC(),
          Executors.newSingleThreadScheduledExecutor());

  @Test
  void aDesktopIsNamedAfterItsVmAndShowsOnlyItsProtocol() {
    VmConnection desktop =
        new VmConnection(
            new UserConsole("alice", 7, 42, ConsoleKind.DESKTOP), "lab", CONNECTOR, "10.0.0.9");
    assertThat(desktop.getIdentifier()).isEqualTo("vm-42-desktop");
    assertThat(desktop.getName()).isEqualTo("lab");
    assertThat(desktop.getParentIdentifier()).isEqualTo("ROOT");
    assertThat(desktop.getConfiguration().getProtocol()).isEqualTo("vnc");
    // No host, port or VNC password in what the web app can show.
    assertThat(desktop.getConfiguration().getParameterNames()).isEmpty();
  }

  @Test
  void aTerminalIsATelnetConnectionNamedAsSuch() {
    VmConnection terminal =
        new VmConnection(
            new UserConsole("alice", 7, 42, ConsoleKind.TERMINAL), "lab", CONNECTOR, "10.0.0.9");
    assertThat(terminal.getIdentifier()).isEqualTo("vm-42-terminal");
    assertThat(terminal.getName()).isEqualTo("lab (terminal)");
    assertThat(terminal.getConfiguration().getProtocol()).isEqualTo("telnet");
    assertThat(terminal.getConfiguration().getParameterNames()).isEmpty();
  }
}

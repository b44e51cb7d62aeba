package org.vmportal.guacamole.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.vmportal.guacamole.access.ConsoleKind;

class ConnectionIdentifiersTest {

  @Test
  void aConsoleIsNamedByItsVmAndKindOnly() {
    assertThat(ConnectionIdentifiers.of(42, ConsoleKind.DESKTOP)).isEqualTo("vm-42-desktop");
    assertThat(ConnectionIdentifiers.of(42, ConsoleKind.TERMINAL)).isEqualTo("vm-42-terminal");
  }

  @Test
  void theClientRouteIsWhatGuacamolesClientIdentifierBuilds() {
    // btoa("vm-42-desktop\0c\0vmportal") in a browser, then encodeURIComponent.
    assertThat(ConnectionIdentifiers.clientRoute("vm-42-desktop"))
        .isEqualTo("#/client/dm0tNDItZGVza3RvcABjAHZtcG9ydGFs");
  }

  @Test
  void theClientRouteDecodesToConnectionTypeAndDataSource() {
    String route = ConnectionIdentifiers.clientRoute("vm-7-terminal");
    assertThat(route).startsWith("#/client/");
    String encoded = URLDecoder.decode(route.substring(9), StandardCharsets.UTF_8);
    String[] parts =
        new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8).split("\0");
    assertThat(parts).containsExactly("vm-7-terminal", "c", "vmportal");
  }

  @Test
  void base64PaddingIsEscapedAsEncodeUriComponentDoes() {
    // 25 bytes encode with "==", which the web app's route needs as "%3D%3D".
    assertThat(ConnectionIdentifiers.clientRoute("vm-100-desktop"))
        .isEqualTo("#/client/dm0tMTAwLWRlc2t0b3AAYwB2bXBvcnRhbA%3D%3D");
  }

  @Test
  void aTicketLinkOpensTheConsoleAndCarriesTheTicketInTheRoutesQuery() {
    assertThat(
            ConnectionIdentifiers.ticketLink(
                "https://guac.example.org/guacamole", 42, ConsoleKind.DESKTOP, "abc.def"))
        .isEqualTo(
            "https://guac.example.org/guacamole/#/client/dm0tNDItZGVza3RvcABjAHZtcG9ydGFs"
                + "?vmportal-ticket=abc.def");
  }
}

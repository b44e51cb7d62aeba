package org.vmportal.guacamole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.guacamole.GuacamoleServerException;
import org.apache.guacamole.net.auth.Credentials;
import org.junit.jupiter.api.Test;

/** What the provider does before it needs the portal's database. */
class VmPortalAuthenticationProviderTest {

  private static Map<String, String> settings() {
    Map<String, String> settings = new HashMap<>();
    // Nothing listens on port 1: a test that reached the database would fail loudly.
    settings.put("vmportal-jdbc-url", "jdbc:mysql://127.0.0.1:1/vmportal");
    settings.put("vmportal-jdbc-username", "vmportal");
    settings.put("vmportal-jdbc-password", "vmportal");
    settings.put("vmportal-ticket-key", "0123456789abcdef0123456789abcdef");
    return settings;
  }

  private static VmPortalAuthenticationProvider provider(Map<String, String> settings)
      throws Exception {
    return new VmPortalAuthenticationProvider(
        new FakeGuacamoleEnvironment(settings), Clock.systemUTC());
  }

  @Test
  void itsIdentifierIsTheDataSourceInWebAppLinks() throws Exception {
    assertThat(provider(settings()).getIdentifier()).isEqualTo("vmportal");
  }

  @Test
  void aLoginWithoutATicketIsLeftToOtherExtensions() throws Exception {
    Credentials openIdLogin =
        new Credentials(null, null, FakeLoginRequest.of(Map.of("state", "x"), "10.0.0.9"));
    assertThat(provider(settings()).authenticateUser(openIdLogin)).isNull();
    Credentials blankTicket =
        new Credentials(
            null, null, FakeLoginRequest.of(Map.of("vmportal-ticket", " "), "10.0.0.9"));
    assertThat(provider(settings()).authenticateUser(blankTicket)).isNull();
  }

  @Test
  void guacamoleRefusesToLoadTheExtensionWhenASettingIsMissing() {
    Map<String, String> settings = settings();
    settings.remove("vmportal-ticket-key");
    assertThatThrownBy(() -> provider(settings))
        .isInstanceOf(GuacamoleServerException.class)
        .hasMessageContaining("vmportal-ticket-key");
  }

  @Test
  void theTicketIsReadFromTheLoginRequestsParameters() {
    Credentials login =
        new Credentials(
            null, null, FakeLoginRequest.of(Map.of("vmportal-ticket", "abc.def"), "10.0.0.9"));
    assertThat(TicketParameter.of(login)).isEqualTo("abc.def");
  }
}

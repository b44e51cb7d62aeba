package org.vmportal.guacamole.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.guacamole.GuacamoleServerException;
import org.apache.guacamole.net.auth.GuacamoleProxyConfiguration;
import org.junit.jupiter.api.Test;
import org.vmportal.guacamole.FakeGuacamoleEnvironment;

class ConfigurationServiceTest {

  private static final String KEY = "k1Sx1zyt3Y5Jk9sCwYv0qM1c3n8lZbq2Hd4rT6uW8eA=";

  private static Map<String, String> complete() {
    Map<String, String> settings = new HashMap<>();
    settings.put("vmportal-jdbc-url", "jdbc:mysql://db:3306/vmportal");
    settings.put("vmportal-jdbc-username", "vmportal");
    settings.put("vmportal-jdbc-password", "s3cret");
    settings.put("vmportal-ticket-key", KEY);
    settings.put("guacd-hostname", "guacd.internal");
    settings.put("guacd-port", "4823");
    return settings;
  }

  private static ConfigurationService settings(Map<String, String> properties) {
    return new ConfigurationService(new FakeGuacamoleEnvironment(properties));
  }

  @Test
  void everySettingIsReadFromGuacamoleProperties() throws Exception {
    ConfigurationService settings = settings(complete());
    assertThat(settings.jdbcUrl()).isEqualTo("jdbc:mysql://db:3306/vmportal");
    assertThat(settings.jdbcUsername()).isEqualTo("vmportal");
    assertThat(settings.jdbcPassword()).isEqualTo("s3cret");
    assertThat(settings.ticketKey()).isEqualTo(KEY.getBytes(StandardCharsets.UTF_8));
    GuacamoleProxyConfiguration guacd = settings.guacd();
    assertThat(guacd.getHostname()).isEqualTo("guacd.internal");
    assertThat(guacd.getPort()).isEqualTo(4823);
    assertThat(guacd.getEncryptionMethod())
        .isEqualTo(GuacamoleProxyConfiguration.EncryptionMethod.NONE);
  }

  @Test
  void guacdDefaultsToGuacamolesOwnDefaults() throws Exception {
    Map<String, String> properties = complete();
    properties.remove("guacd-hostname");
    properties.remove("guacd-port");
    GuacamoleProxyConfiguration guacd = settings(properties).guacd();
    assertThat(guacd.getHostname()).isEqualTo("localhost");
    assertThat(guacd.getPort()).isEqualTo(4822);
  }

  @Test
  void aMissingRequiredSettingIsNamedInTheError() throws Exception {
    for (String key :
        new String[] {
          "vmportal-jdbc-url",
          "vmportal-jdbc-username",
          "vmportal-jdbc-password",
          "vmportal-ticket-key"
        }) {
      Map<String, String> properties = complete();
      properties.remove(key);
      ConfigurationService settings = settings(properties);
      assertThatThrownBy(
              () -> {
                settings.jdbcUrl();
                settings.jdbcUsername();
                settings.jdbcPassword();
                settings.ticketKey();
              })
          .isInstanceOf(GuacamoleServerException.class)
          .hasMessageContaining("guacamole.properties has no " + key);
    }
  }

  @Test
  void anEmptyPasswordIsAPassword() throws Exception {
    Map<String, String> properties = complete();
    properties.put("vmportal-jdbc-password", "");
    assertThat(settings(properties).jdbcPassword()).isEmpty();
  }

  @Test
  void aTicketKeyShorterThan32BytesIsRefusedByName() throws Exception {
    Map<String, String> properties = complete();
    properties.put("vmportal-ticket-key", "too-short");
    ConfigurationService settings = settings(properties);
    assertThatThrownBy(settings::ticketKey)
        .isInstanceOf(GuacamoleServerException.class)
        .hasMessageContaining("vmportal-ticket-key")
        .hasMessageContaining("at least 32 bytes");
  }
}

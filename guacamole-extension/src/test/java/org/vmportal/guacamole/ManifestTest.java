package org.vmportal.guacamole;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.guacamole.net.auth.AuthenticationProvider;
import org.junit.jupiter.api.Test;

/** The packaged manifest is what Guacamole's extension loader reads first. */
class ManifestTest {

  private static String manifest() throws IOException {
    try (InputStream in = ManifestTest.class.getResourceAsStream("/guac-manifest.json")) {
      assertThat(in).as("guac-manifest.json at the jar's root").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void manifestLoadsInGuacamole15And16() throws IOException {
    // Both web apps accept "*"; 1.5.x would refuse "1.6.0", and 1.6.0 lists 1.5.x but not later.
    assertThat(manifest())
        .contains("\"guacamoleVersion\" : \"*\"")
        .contains("\"namespace\" : \"vmportal\"")
        .doesNotContain("${");
  }

  @Test
  void manifestListsTheAuthenticationProviderWhichGuacamoleCanCreate() throws Exception {
    Matcher providers =
        Pattern.compile("\"authProviders\"\\s*:\\s*\\[\\s*\"([^\"]+)\"\\s*]").matcher(manifest());
    assertThat(providers.find()).as("an authProviders list with one class").isTrue();
    Class<?> provider = Class.forName(providers.group(1));
    assertThat(provider).isEqualTo(VmPortalAuthenticationProvider.class);
    assertThat(AuthenticationProvider.class).isAssignableFrom(provider);
    // Guacamole instantiates providers through their public no-argument constructor.
    assertThat(provider.getConstructor()).isNotNull();
  }
}

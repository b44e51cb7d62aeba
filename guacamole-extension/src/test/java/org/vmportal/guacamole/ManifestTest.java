package org.vmportal.guacamole;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The packaged manifest is what Guacamole's extension loader reads first. */
class ManifestTest {

  @Test
  void manifestNamesTheGuacamoleVersionItWasBuiltAgainst() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/guac-manifest.json")) {
      assertThat(in).as("guac-manifest.json at the jar's root").isNotNull();
      String manifest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(manifest)
          .contains("\"guacamoleVersion\" : \"" + System.getProperty("guacamole.version") + "\"")
          .contains("\"namespace\" : \"vmportal\"")
          .doesNotContain("${");
    }
  }
}

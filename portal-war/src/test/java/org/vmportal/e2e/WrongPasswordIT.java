package org.vmportal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebDriver;
import org.vmportal.e2e.pages.KeycloakLoginPage;
import org.vmportal.e2e.support.BrowserExtension;
import org.vmportal.e2e.support.Stack;

/** A mistyped password is answered by Keycloak, and the portal is never reached. */
@ExtendWith(BrowserExtension.class)
class WrongPasswordIT {

  @Test
  void wrongPasswordShowsKeycloaksError(WebDriver browser) {
    browser.get(Stack.portalUrl() + "/");
    KeycloakLoginPage login = new KeycloakLoginPage(browser);
    login.signIn("alice", "not-her-password");

    assertThat(login.error()).isEqualTo("Invalid username or password.");
    assertThat(KeycloakLoginPage.isShown(browser)).isTrue();
  }
}

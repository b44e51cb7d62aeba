package org.vmportal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebDriver;
import org.vmportal.e2e.pages.KeycloakLoginPage;
import org.vmportal.e2e.pages.PortalPage;
import org.vmportal.e2e.support.BrowserExtension;
import org.vmportal.e2e.support.Stack;

/** Signing out ends the portal session and the Keycloak session. */
@ExtendWith(BrowserExtension.class)
class UserSignsOutIT {

  @Test
  void signOutReturnsToTheLoginPage(WebDriver browser) {
    PortalPage page = PortalPage.signIn(browser, "/", "alice", "alice123", "guest-heading");

    page.signOut();
    new KeycloakLoginPage(browser);
    assertThat(KeycloakLoginPage.isShown(browser)).isTrue();

    // The Keycloak session is gone too: the portal asks for the password again, no silent login.
    browser.get(Stack.portalUrl() + "/guest/index.xhtml");
    new KeycloakLoginPage(browser);
    assertThat(KeycloakLoginPage.isShown(browser)).isTrue();
  }
}

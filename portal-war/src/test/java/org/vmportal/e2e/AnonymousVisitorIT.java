package org.vmportal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebDriver;
import org.vmportal.e2e.pages.KeycloakLoginPage;
import org.vmportal.e2e.support.BrowserExtension;
import org.vmportal.e2e.support.Stack;

/** Nobody sees a portal page without signing in first. */
@ExtendWith(BrowserExtension.class)
class AnonymousVisitorIT {

  @Test
  void everyPageRedirectsToKeycloakLogin() throws Exception {
    for (String path : new String[] {"/", "/guest/index.xhtml", "/admin/index.xhtml"}) {
      HttpResponse<String> response = Stack.get(Stack.portalUrl() + path);
      assertThat(response.statusCode()).as(path).isEqualTo(302);
      assertThat(response.headers().firstValue("Location"))
          .as(path)
          .hasValueSatisfying(
              location ->
                  assertThat(location)
                      .startsWith(Stack.realmUrl() + "/protocol/openid-connect/auth?")
                      .contains("client_id=portal"));
      assertThat(response.body())
          .doesNotContain("Welcome")
          .doesNotContain("Platform administration");
    }
  }

  @Test
  void browserLandsOnKeycloaksLoginPage(WebDriver browser) {
    browser.get(Stack.portalUrl() + "/admin/index.xhtml");
    new KeycloakLoginPage(browser);
    assertThat(KeycloakLoginPage.isShown(browser)).isTrue();
  }

  @Test
  void healthIsPublicAndSaysUp() throws Exception {
    HttpResponse<String> response = Stack.get(Stack.portalUrl() + "/health");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"status\":\"UP\"");
  }
}

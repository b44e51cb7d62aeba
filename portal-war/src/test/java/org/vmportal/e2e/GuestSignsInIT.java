package org.vmportal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebDriver;
import org.vmportal.e2e.pages.PortalPage;
import org.vmportal.e2e.support.BrowserExtension;
import org.vmportal.e2e.support.Stack;

/** Alice, a guest of tenant demo, signs in through Keycloak's real login page. */
@ExtendWith(BrowserExtension.class)
class GuestSignsInIT {

  @Test
  void aliceLandsOnTheGuestPageWithHerNameAndTenant(WebDriver browser) throws Exception {
    PortalPage page = PortalPage.signIn(browser, "/", "alice", "alice123", "guest-heading");

    assertThat(browser.getCurrentUrl()).startsWith(Stack.portalUrl() + "/guest/");
    assertThat(page.text("guest-heading")).isEqualTo("Welcome, Alice Liddell");
    assertThat(page.userName()).isEqualTo("Alice Liddell");
    assertThat(page.tenantName()).isEqualTo("demo");
    assertThat(page.text("role-name")).isEqualTo("guest");
  }

  @Test
  void signInCreatesTheUserAndTenantRowsAndAnAuditLine(WebDriver browser) throws Exception {
    PortalPage.signIn(browser, "/", "bob", "bob123", "guest-heading");

    try (Connection db = Stack.database();
        PreparedStatement query =
            db.prepareStatement(
                "SELECT u.role, u.email, t.slug, u.last_login_at,"
                    + " (SELECT COUNT(*) FROM audit_events a WHERE a.actor = u.username"
                    + "  AND a.action = 'SIGN_IN' AND a.outcome = 'SUCCESS') AS sign_ins"
                    + " FROM users u JOIN tenants t ON t.id = u.tenant_id WHERE u.username = ?")) {
      query.setString(1, "bob");
      try (ResultSet row = query.executeQuery()) {
        assertThat(row.next()).as("a users row for bob").isTrue();
        assertThat(row.getString("role")).isEqualTo("GUEST");
        assertThat(row.getString("email")).isEqualTo("bob@demo.vmportal.local");
        assertThat(row.getString("slug")).isEqualTo("demo");
        assertThat(row.getTimestamp("last_login_at")).isNotNull();
        assertThat(row.getInt("sign_ins")).isPositive();
      }
    }
  }
}

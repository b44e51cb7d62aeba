package org.vmportal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebDriver;
import org.vmportal.e2e.pages.PortalPage;
import org.vmportal.e2e.support.BrowserExtension;
import org.vmportal.e2e.support.Stack;

/** The platform admin signs in and lands on the admin dashboard. */
@ExtendWith(BrowserExtension.class)
class AdminSignsInIT {

  @Test
  void adminLandsOnTheAdminPage(WebDriver browser) {
    PortalPage page = PortalPage.signIn(browser, "/", "admin", "admin123", "admin-heading");

    assertThat(browser.getCurrentUrl()).startsWith(Stack.portalUrl() + "/admin/");
    assertThat(page.text("admin-heading")).isEqualTo("Platform administration");
    assertThat(page.userName()).isEqualTo("Ada Admin");
    assertThat(page.tenantName()).isEqualTo("Platform");
    // Admin's own sign-in is the newest line of the audit trail.
    assertThat(page.text("audit-form:recent-audit")).contains("admin").contains("SIGN_IN");
    assertThat(Integer.parseInt(page.text("user-count").replaceAll("\\D", ""))).isPositive();
  }
}

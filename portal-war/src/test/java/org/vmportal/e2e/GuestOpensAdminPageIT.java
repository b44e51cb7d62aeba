package org.vmportal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.vmportal.e2e.pages.PortalPage;
import org.vmportal.e2e.support.BrowserExtension;
import org.vmportal.e2e.support.Stack;

/** A guest who types an admin address is refused with 403 and sees no admin data. */
@ExtendWith(BrowserExtension.class)
class GuestOpensAdminPageIT {

  @Test
  void aliceGets403OnTheAdminPage(WebDriver browser) {
    PortalPage.signIn(browser, "/", "alice", "alice123", "guest-heading");

    browser.get(Stack.portalUrl() + "/admin/index.xhtml");
    PortalPage page = new PortalPage(browser, "forbidden");

    assertThat(page.text("forbidden")).contains("403").contains("Access denied");
    assertThat(browser.getPageSource()).doesNotContain("Platform administration");
    // The status code itself, fetched with alice's session cookie.
    Object status =
        ((JavascriptExecutor) browser)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "fetch('/admin/index.xhtml', {redirect: 'manual'}).then(r => done(r.status));");
    assertThat(((Number) status).intValue()).isEqualTo(403);
  }
}

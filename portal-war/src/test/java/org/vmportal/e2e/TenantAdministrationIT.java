package org.vmportal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vmportal.e2e.pages.KeycloakLoginPage;
import org.vmportal.e2e.pages.PortalPage;
import org.vmportal.e2e.support.ApiClient;
import org.vmportal.e2e.support.Audit;
import org.vmportal.e2e.support.BrowserExtension;
import org.vmportal.e2e.support.Json;
import org.vmportal.e2e.support.Stack;

/**
 * Tenants and members through the admin pages, against the stack's real Keycloak: a platform admin
 * creates a tenant and a user who then signs in; a tenant admin disables a member, whose session,
 * console and VMs end; a tenant admin sees only their own tenant's people.
 */
@ExtendWith(BrowserExtension.class)
class TenantAdministrationIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void platformAdminCreatesATenantAndAUserWhoSignsIn(WebDriver adminsBrowser, WebDriver newcomers)
      throws Exception {
    String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 999_999));
    String slug = "t" + suffix;
    String username = "u" + suffix;
    PortalPage.signIn(adminsBrowser, "/", "admin", "admin123", "admin-heading");
    adminsBrowser.findElement(By.id("nav-tenants")).click();
    new PortalPage(adminsBrowser, "tenants-heading");
    adminsBrowser.findElement(By.id("create-form:new-slug")).sendKeys(slug);
    adminsBrowser.findElement(By.id("create-form:new-name")).sendKeys("Tenant " + suffix + " <b>");
    adminsBrowser.findElement(By.id("create-form:create-tenant")).click();
    assertThat(TenantIsolationSuiteIT.growl(adminsBrowser, "create-form:messages"))
        .contains("Created the tenant Tenant " + suffix + " <b>");
    TenantIsolationSuiteIT.clickRowButton(
        adminsBrowser, "tenants-form:tenants-table", slug, "members");

    new PortalPage(adminsBrowser, "users-heading");
    new WebDriverWait(adminsBrowser, WAIT)
        .until(
            d ->
                d.findElement(By.id("users-tenant")).getText().equals("Tenant " + suffix + " <b>"));
    adminsBrowser.findElement(By.id("create-form:new-username")).sendKeys(username);
    adminsBrowser.findElement(By.id("create-form:new-email")).sendKeys(username + "@example.test");
    adminsBrowser.findElement(By.id("create-form:new-first")).sendKeys("New");
    adminsBrowser.findElement(By.id("create-form:new-last")).sendKeys("Comer");
    adminsBrowser.findElement(By.id("create-form:new-password")).sendKeys("first-pass-1");
    adminsBrowser.findElement(By.id("create-form:create-user")).click();
    assertThat(TenantIsolationSuiteIT.growl(adminsBrowser, "create-form:messages"))
        .contains("Created " + username);
    new WebDriverWait(adminsBrowser, WAIT)
        .until(d -> d.findElement(By.id("users-form:members-table")).getText().contains(username));

    // The newcomer signs in with the temporary password, sets their own, and lands in the tenant.
    newcomers.get(Stack.portalUrl() + "/");
    new KeycloakLoginPage(newcomers).signIn(username, "first-pass-1");
    new WebDriverWait(newcomers, WAIT)
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("password-new")));
    newcomers.findElement(By.id("password-new")).sendKeys("own-pass-12");
    newcomers.findElement(By.id("password-confirm")).sendKeys("own-pass-12");
    newcomers.findElement(By.cssSelector("[type=submit]")).click();
    PortalPage landing = new PortalPage(newcomers, "guest-heading");
    assertThat(landing.tenantName()).isEqualTo("Tenant " + suffix + " <b>");
    assertThat(landing.text("role-name")).isEqualTo("guest");
    assertThat(
            Audit.actions("TENANT_CREATED", Long.toString(TenantIsolationSuiteIT.tenantId(slug))))
        .isEqualTo(1);
  }

  @Test
  void disablingAMemberEndsTheirSessionConsoleAndVms(WebDriver davesBrowser, WebDriver bobsBrowser)
      throws Exception {
    ApiClient bob = ApiClient.signIn(bobsBrowser, "bob", "bob123", "guest-heading");
    HttpResponse<String> created =
        VmIsolationAndQuotaIT.create(bob, VmIsolationAndQuotaIT.demoLinuxId(bob), "bob-disabled");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    long vmId = Json.number(created.body(), "id");
    ApiClient dave = null;
    try {
      bobsBrowser.get(Stack.portalUrl() + "/console.xhtml?vm=" + vmId + "&kind=terminal");
      new WebDriverWait(bobsBrowser, WAIT)
          .until(d -> Audit.actionsQuietly("CONSOLE_OPENED", Long.toString(vmId)) > 0);

      PortalPage.signIn(davesBrowser, "/", "dave", "dave123", "guest-heading");
      davesBrowser.findElement(By.id("nav-users")).click();
      new PortalPage(davesBrowser, "users-heading");
      TenantIsolationSuiteIT.clickRowButton(
          davesBrowser, "users-form:members-table", "bob", "disable");
      new WebDriverWait(davesBrowser, WAIT)
          .until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes")))
          .click();
      assertThat(TenantIsolationSuiteIT.growl(davesBrowser, "users-form:messages"))
          .contains("bob is disabled");

      // The VM is off when the admin's request returns; the console closed; bob's session is gone.
      assertThat(vmState(vmId)).isEqualTo("STOPPED");
      new WebDriverWait(bobsBrowser, WAIT)
          .until(d -> Audit.actionsQuietly("CONSOLE_CLOSED", Long.toString(vmId)) > 0);
      HttpResponse<String> afterwards = bob.send(bob.request("vms").GET().build());
      assertThat(afterwards.statusCode()).isNotEqualTo(200);
      assertThat(afterwards.body()).doesNotContain("bob-disabled");
      assertThat(Audit.actions("MEMBER_DISABLED", TenantIsolationSuiteIT.databaseSubject("bob")))
          .isGreaterThanOrEqualTo(1);
    } finally {
      // Bob comes back (enabled again by dave), and his VM goes.
      WebDriver again = BrowserExtension.start(BrowserExtension.chromeOptions());
      try {
        dave = ApiClient.signIn(again, "dave", "dave123", "guest-heading");
        HttpResponse<String> enabled =
            dave.post("members/" + TenantIsolationSuiteIT.databaseSubject("bob") + "/enable");
        assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
      } finally {
        again.quit();
      }
      WebDriver bobAgain = BrowserExtension.start(BrowserExtension.chromeOptions());
      try {
        ApiClient.signIn(bobAgain, "bob", "bob123", "guest-heading").delete("vms/" + vmId);
      } finally {
        bobAgain.quit();
      }
    }
  }

  @Test
  void aTenantAdminSeesOnlyTheirOwnTenantsPeople(WebDriver davesBrowser, WebDriver carolsBrowser)
      throws Exception {
    // acme's row is made at its first member's sign-in; this test may run before any other did it.
    ApiClient.signIn(carolsBrowser, "carol", "carol123", "guest-heading");
    ApiClient dave = ApiClient.signIn(davesBrowser, "dave", "dave123", "guest-heading");
    davesBrowser.findElement(By.id("nav-users")).click();
    new PortalPage(davesBrowser, "users-heading");
    String table =
        new WebDriverWait(davesBrowser, WAIT)
            .until(
                d -> {
                  String text = d.findElement(By.id("users-form:members-table")).getText();
                  return text.contains("alice") ? text : null;
                });
    assertThat(table)
        .contains("alice")
        .contains("bob")
        .doesNotContain("carol")
        .doesNotContain("erin");
    assertThat(davesBrowser.findElements(By.id("users-form:tenant-choice"))).isEmpty();
    assertThat(dave.get("tenants").body()).contains("\"slug\":\"demo\"").doesNotContain("acme");
    long acme = TenantIsolationSuiteIT.tenantId("acme");
    assertThat(dave.get("tenants/" + acme + "/members").statusCode()).isEqualTo(404);
    davesBrowser.get(Stack.portalUrl() + "/admin/users.xhtml?tenant=" + acme);
    assertThat(davesBrowser.getPageSource()).doesNotContain("carol");
  }

  private static String vmState(long vmId) throws Exception {
    try (var db = Stack.database();
        var q = db.prepareStatement("SELECT state FROM vms WHERE id = ?")) {
      q.setLong(1, vmId);
      try (var row = q.executeQuery()) {
        return row.next() ? row.getString(1) : null;
      }
    }
  }
}

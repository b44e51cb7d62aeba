package org.vmportal.e2e.pages;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vmportal.e2e.support.Stack;

/** Any portal page: the top bar that every page shares, and a heading to wait for. */
public class PortalPage {

  private final WebDriver driver;

  /**
   * Waits until the portal shows an element with the given id.
   *
   * @param driver the browser
   * @param elementId an id that the expected page has, such as {@code guest-heading}
   */
  public PortalPage(WebDriver driver, String elementId) {
    this.driver = driver;
    new WebDriverWait(driver, Duration.ofSeconds(30))
        .until(ExpectedConditions.visibilityOfElementLocated(By.id(elementId)));
  }

  /**
   * Opens a portal path and signs in on Keycloak's page on the way.
   *
   * @param driver the browser
   * @param path the portal path, such as {@code /}
   * @param username who signs in
   * @param password their password
   * @param elementId an id the landing page has
   * @return the landing page
   */
  public static PortalPage signIn(
      WebDriver driver, String path, String username, String password, String elementId) {
    driver.get(Stack.portalUrl() + path);
    new KeycloakLoginPage(driver).signIn(username, password);
    return new PortalPage(driver, elementId);
  }

  /** The text of the element with the given id. */
  public String text(String elementId) {
    return driver.findElement(By.id(elementId)).getText();
  }

  /** The user's name in the top bar. */
  public String userName() {
    return text("user-name");
  }

  /** The tenant in the top bar. */
  public String tenantName() {
    return text("tenant-name");
  }

  /** Clicks "Sign out" in the top bar. */
  public void signOut() {
    driver.findElement(By.id("logout")).click();
  }
}

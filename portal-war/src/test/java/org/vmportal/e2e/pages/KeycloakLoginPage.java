package org.vmportal.e2e.pages;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vmportal.e2e.support.Stack;

/** Keycloak's own login page for the vmportal realm. */
public class KeycloakLoginPage {

  private final WebDriver driver;

  /**
   * Waits until the browser shows Keycloak's login form.
   *
   * @param driver the browser
   */
  public KeycloakLoginPage(WebDriver driver) {
    this.driver = driver;
    new WebDriverWait(driver, Duration.ofSeconds(30))
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
    if (!driver.getCurrentUrl().startsWith(Stack.realmUrl() + "/")) {
      throw new IllegalStateException("Not Keycloak's login page: " + driver.getCurrentUrl());
    }
  }

  /** Whether the browser is (still) on Keycloak's login page. */
  public static boolean isShown(WebDriver driver) {
    return driver.getCurrentUrl().startsWith(Stack.realmUrl() + "/")
        && !driver.findElements(By.id("username")).isEmpty();
  }

  /**
   * Types the credentials and submits.
   *
   * @param username the username
   * @param password the password
   */
  public void signIn(String username, String password) {
    driver.findElement(By.id("username")).clear();
    driver.findElement(By.id("username")).sendKeys(username);
    driver.findElement(By.id("password")).sendKeys(password);
    driver.findElement(By.id("kc-login")).click();
  }

  /** The error Keycloak shows above the form after a failed attempt. */
  public String error() {
    return new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("input-error-username")))
        .getText();
  }
}

package org.vmportal.e2e.pages;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The guest dashboard: VM cards (found by their name), their buttons, three-dot and right-click
 * menus, the start zone, the catalog and the growl. Cards are redrawn whenever the server pushes a
 * change, so every lookup retries on stale elements.
 */
public class GuestDashboardPage {

  /** Long enough for a TCG guest on a loaded machine. */
  public static final Duration WAIT = Duration.ofSeconds(90);

  private final WebDriver browser;

  /**
   * The dashboard that the browser shows.
   *
   * @param browser a browser signed in as a guest, on the dashboard
   */
  public GuestDashboardPage(WebDriver browser) {
    this.browser = browser;
    new PortalPage(browser, "guest-heading");
  }

  /** A wait that ignores cards redrawn under it. */
  public WebDriverWait waiting() {
    WebDriverWait wait = new WebDriverWait(browser, WAIT);
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  /** The card of the VM with this name, or {@code null}. */
  public WebElement card(String name) {
    try {
      return browser.findElements(By.cssSelector(".vm-card")).stream()
          .filter(c -> c.findElement(By.className("vm-name")).getText().equals(name))
          .findFirst()
          .orElse(null);
    } catch (StaleElementReferenceException e) {
      return null;
    }
  }

  /** The state the card shows, or {@code ""} without a card. */
  public String state(String name) {
    try {
      WebElement card = card(name);
      return card == null ? "" : card.findElement(By.className("vm-state")).getText();
    } catch (StaleElementReferenceException e) {
      return "";
    }
  }

  /** Waits until the card shows the state (its text and its colour class). */
  public void awaitState(String name, String state) {
    waiting()
        .until(
            d -> {
              WebElement card = card(name);
              return card != null
                  && state(name).equals(state)
                  && card.getAttribute("class").contains("vm-" + state);
            });
  }

  /** Clicks a button (by CSS class) on the card. */
  public void clickButton(String name, String buttonClass) {
    waiting()
        .until(
            d -> {
              WebElement card = card(name);
              if (card == null) {
                return false;
              }
              card.findElement(By.className(buttonClass)).click();
              return true;
            });
  }

  /** Opens the card's three-dot menu and picks an item (by CSS class, such as menu-pause). */
  public void pickFromMenu(String name, String itemClass) {
    awaitMenuClosed();
    waiting()
        .until(
            d -> {
              WebElement card = card(name);
              if (card == null) {
                return false;
              }
              centre(card);
              card.findElement(By.className("vm-more")).click();
              return true;
            });
    waiting().until(d -> clickVisibleItem(itemClass));
  }

  /** Right-clicks the card and picks an item from the menu that opens. */
  public void pickFromContextMenu(String name, String itemClass) {
    awaitMenuClosed();
    waiting()
        .until(
            d -> {
              WebElement card = card(name);
              if (card == null) {
                return false;
              }
              centre(card);
              new Actions(browser)
                  .contextClick(card.findElement(By.className("vm-facts")))
                  .perform();
              return true;
            });
    waiting().until(d -> clickVisibleItem(itemClass));
  }

  /**
   * Brings the card to the middle of the window, as a person looks at what they click: the menu
   * then opens with room for all its items, and no scroll to reach one closes it.
   */
  private void centre(WebElement card) {
    ((JavascriptExecutor) browser)
        .executeScript("arguments[0].scrollIntoView({block: 'center'});", card);
  }

  /** A menu still fading out from the last pick must not take this pick's click. */
  private void awaitMenuClosed() {
    waiting()
        .until(
            d ->
                d.findElements(By.cssSelector(".vm-menu")).stream()
                    .noneMatch(WebElement::isDisplayed));
  }

  /** Clicks the item if a menu shows it; false while none does or it is still fading in. */
  private boolean clickVisibleItem(String itemClass) {
    List<WebElement> items =
        browser.findElements(By.cssSelector("a." + itemClass)).stream()
            .filter(WebElement::isDisplayed)
            .toList();
    if (items.isEmpty()) {
      return false;
    }
    try {
      items.get(0).click();
      return true;
    } catch (ElementNotInteractableException notYet) {
      return false;
    }
  }

  /** Drags the card onto the start zone with the mouse. */
  public void dragToStartZone(String name) {
    waiting()
        .until(
            d -> {
              WebElement card = card(name);
              if (card == null) {
                return false;
              }
              dragWithMouse(
                  card.findElement(By.className("vm-facts")), By.id("vms-form:start-zone"));
              return true;
            });
  }

  /** Drags an OS icon of the catalog onto the VM area with the mouse. */
  public void dragOsToVmArea(String osName) {
    dragWithMouse(osIcon(osName), By.id("vms-form:cards-area"));
  }

  /** The catalog's icon for an OS. */
  public WebElement osIcon(String osName) {
    return browser.findElements(By.cssSelector("#catalog-form a.os-icon")).stream()
        .filter(a -> a.getText().contains(osName))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no catalog icon for " + osName));
  }

  /** jQuery UI (p:draggable) follows real mouse moves, so this drags as a person would. */
  private void dragWithMouse(WebElement source, By target) {
    WebElement zone = browser.findElement(target);
    new Actions(browser)
        .moveToElement(source)
        .clickAndHold()
        .moveByOffset(5, 5)
        .moveToElement(zone)
        .moveByOffset(1, 1)
        .release()
        .perform();
  }

  /** Creates a VM from the catalog's OS through the dialog; returns once its card shows. */
  public void create(String osName, String vmName) {
    osIcon(osName).click();
    WebElement nameField =
        waiting()
            .until(ExpectedConditions.visibilityOfElementLocated(By.id("create-form:vm-name")));
    nameField.clear();
    nameField.sendKeys(vmName);
    browser.findElement(By.id("create-form:create-vm")).click();
    waiting().until(d -> card(vmName) != null);
  }

  /** Confirms the open confirmation dialog. */
  public void confirm() {
    waiting()
        .until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes")))
        .click();
  }

  /** The newest growl message's text, waiting for one that contains the text. */
  public String awaitGrowl(String text) {
    return waiting()
        .until(
            d ->
                d.findElements(By.cssSelector(".ui-growl-message")).stream()
                    .map(WebElement::getText)
                    .filter(t -> t.contains(text))
                    .findFirst()
                    .orElse(null));
  }

  /** Marks the window, so {@link #notReloaded()} tells whether the page was loaded again. */
  public void markWindow() {
    ((JavascriptExecutor) browser).executeScript("window.vmPortalTestMark = 'still here';");
  }

  /** Whether the page is the one {@link #markWindow()} marked. */
  public boolean notReloaded() {
    return "still here"
        .equals(((JavascriptExecutor) browser).executeScript("return window.vmPortalTestMark;"));
  }

  /** Whether the live socket is up: the fallback poll runs only while it is down. */
  public boolean pushConnected() {
    return Boolean.FALSE.equals(
        ((JavascriptExecutor) browser)
            .executeScript("return PrimeFaces.widgets.fallbackPoll.isActive();"));
  }
}

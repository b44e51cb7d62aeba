package org.vmportal.interfaces.web;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import org.vmportal.application.PortalException;

/** Feedback for the page's growl: one line on success, the service's own words on refusal. */
public final class Messages {

  private Messages() {}

  /**
   * A success message.
   *
   * @param summary what happened
   */
  public static void info(String summary) {
    FacesContext.getCurrentInstance()
        .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, summary, null));
  }

  /**
   * A refusal or failure, in the words the application service chose.
   *
   * @param e the refusal
   */
  public static void error(PortalException e) {
    FacesContext.getCurrentInstance()
        .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
  }

  /**
   * A refusal while a page loads: a page opened with another tenant's id, or by someone without the
   * right, answers 404 or 403 with the message and nothing else; other refusals go to the growl.
   *
   * @param e the refusal
   */
  public static void refuse(PortalException e) {
    FacesContext faces = FacesContext.getCurrentInstance();
    int status =
        switch (e.getKind()) {
          case NOT_FOUND -> 404;
          case FORBIDDEN -> 403;
          default -> 0;
        };
    if (status == 0 || faces.isPostback()) {
      error(e);
      return;
    }
    try {
      faces.getExternalContext().responseSendError(status, e.getMessage());
    } catch (java.io.IOException failed) {
      error(e);
    }
    faces.responseComplete();
  }
}

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
}

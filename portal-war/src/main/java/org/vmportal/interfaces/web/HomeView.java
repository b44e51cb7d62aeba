package org.vmportal.interfaces.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The portal's front door: sends each person to the dashboard of their role. */
@Named
@RequestScoped
public class HomeView {

  @Inject private CurrentUser currentUser;

  /**
   * Run by {@code f:viewAction} on {@code index.xhtml}.
   *
   * @return the outcome of the role's landing page
   */
  public String route() {
    return currentUser.isPlatformAdmin()
        ? "/admin/index?faces-redirect=true"
        : "/guest/index?faces-redirect=true";
  }
}

package org.vmportal.interfaces.web.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.vmportal.application.AdminOverviewService;
import org.vmportal.application.AdminOverviewService.Overview;

/** The admin landing page: platform counts and the latest audit events. */
@Named
@ViewScoped
public class AdminOverviewView implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final int RECENT_EVENTS = 20;

  @Inject private transient AdminOverviewService overviewService;

  private Overview overview;

  /** Run by {@code f:viewAction}. */
  public void load() {
    overview = overviewService.overview(RECENT_EVENTS);
  }

  public Overview getOverview() {
    return overview;
  }
}

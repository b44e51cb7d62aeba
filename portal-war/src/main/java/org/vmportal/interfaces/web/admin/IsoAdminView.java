package org.vmportal.interfaces.web.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.util.List;
import org.vmportal.application.IsoCatalogService;
import org.vmportal.application.IsoCatalogService.IsoListing;
import org.vmportal.application.PortalException;
import org.vmportal.interfaces.web.CurrentUser;
import org.vmportal.interfaces.web.Messages;

/** The admin ISO page: the catalog's ISOs, uploads (by the page's script) and deletes. */
@Named
@ViewScoped
public class IsoAdminView implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject private transient IsoCatalogService catalog;
  @Inject private CurrentUser currentUser;
  @Inject private transient HttpServletRequest request;

  private List<IsoListing> isos;

  /** Run by {@code f:viewAction}, and again after each upload or delete. */
  public void load() {
    isos = catalog.list(currentUser.actor(request.getRemoteAddr()));
  }

  /** Called by the page's script when an upload completed. */
  public void uploaded() {
    load();
    Messages.info("ISO uploaded.");
  }

  /**
   * Deletes an ISO.
   *
   * @param iso the row
   */
  public void delete(IsoListing iso) {
    try {
      catalog.delete(currentUser.actor(request.getRemoteAddr()), iso.id());
      Messages.info("Deleted \u201c" + iso.name() + "\u201d.");
    } catch (PortalException e) {
      Messages.error(e);
    }
    load();
  }

  public List<IsoListing> getIsos() {
    return isos;
  }
}

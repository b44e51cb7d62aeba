package org.vmportal.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.vmportal.application.IsoCatalogService;
import org.vmportal.application.IsoCatalogService.IsoListing;
import org.vmportal.interfaces.web.CurrentUser;

/**
 * {@code /api/isos}: the ISOs the caller may see, and deleting one. Uploads: {@code /api/uploads}.
 */
@Path("isos")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class IsoResource {

  @Inject private IsoCatalogService catalog;
  @Inject private CurrentUser currentUser;
  @Context private HttpServletRequest http;

  /**
   * The ISOs the caller may see.
   *
   * @return newest first
   */
  @GET
  public List<IsoListing> list() {
    return catalog.list(currentUser.actor(http.getRemoteAddr()));
  }

  /**
   * Deletes an ISO.
   *
   * @param id the ISO
   * @return 204
   */
  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") long id) {
    catalog.delete(currentUser.actor(http.getRemoteAddr()), id);
    return Response.noContent().build();
  }
}

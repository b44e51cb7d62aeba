package org.vmportal.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.vmportal.application.BaseImageService;
import org.vmportal.application.BaseImageService.BaseImageListing;
import org.vmportal.application.BaseImageService.BuildRequest;
import org.vmportal.application.BaseImageService.PoolUsage;
import org.vmportal.application.PortalException;
import org.vmportal.interfaces.web.CurrentUser;

/**
 * {@code /api/base-images}: building, listing, sealing and deleting base images (platform admins).
 */
@Path("base-images")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class BaseImageResource {

  @Inject private BaseImageService baseImages;
  @Inject private CurrentUser currentUser;
  @Context private HttpServletRequest http;

  /**
   * Every base image.
   *
   * @return by name
   */
  @GET
  public List<BaseImageListing> list() {
    return baseImages.list(currentUser.actor(http.getRemoteAddr()));
  }

  /**
   * Starts building a base image from an ISO with an installer VM.
   *
   * @param request the ISO, names and disk size
   * @return 201 with the new image's id
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response build(BuildRequest request) {
    if (request == null) {
      throw new PortalException(
          PortalException.Kind.INVALID, "Send the ISO, the names and the disk size.");
    }
    long id = baseImages.createFromIso(currentUser.actor(http.getRemoteAddr()), request);
    return Response.created(URI.create("base-images/" + id)).entity(new Created(id)).build();
  }

  /**
   * The answer to a create.
   *
   * @param id the new resource's id
   */
  public record Created(long id) {}

  /**
   * Storage use per pool.
   *
   * @return one line per pool
   */
  @GET
  @Path("storage")
  public List<PoolUsage> storage() {
    return baseImages.storage(currentUser.actor(http.getRemoteAddr()));
  }

  /**
   * Seals a base image.
   *
   * @param id the image
   * @return 204
   */
  @POST
  @Path("{id}/seal")
  public Response seal(@PathParam("id") long id) {
    baseImages.seal(currentUser.actor(http.getRemoteAddr()), id);
    return Response.noContent().build();
  }

  /**
   * Deletes a base image.
   *
   * @param id the image
   * @return 204
   */
  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") long id) {
    baseImages.delete(currentUser.actor(http.getRemoteAddr()), id);
    return Response.noContent().build();
  }
}

package org.vmportal.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import org.vmportal.application.PortalException;
import org.vmportal.application.PortalException.Kind;
import org.vmportal.application.UploadRequest;
import org.vmportal.application.UploadService;
import org.vmportal.application.UploadStatus;
import org.vmportal.interfaces.web.CurrentUser;

/**
 * Resumable chunked uploads: {@code POST /api/uploads} announces a file, {@code PUT
 * /api/uploads/{id}} sends each chunk with a {@code Content-Range: bytes first-last/total} header,
 * {@code GET} tells where to resume, {@code DELETE} cancels. The last chunk's answer carries the
 * new ISO's or base image's id.
 */
@Path("uploads")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class UploadResource {

  @Inject private UploadService uploads;
  @Inject private CurrentUser currentUser;
  @Context private HttpServletRequest http;

  /**
   * Starts an upload.
   *
   * @param request kind, file name and size (and, for a qcow2 import, the base image's names)
   * @return 201 with the upload's status
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response begin(UploadRequest request) {
    if (request == null) {
      throw new PortalException(Kind.INVALID, "Send the file's kind, name and size.");
    }
    UploadStatus status = uploads.begin(currentUser.actor(http.getRemoteAddr()), request);
    return Response.created(URI.create("uploads/" + status.uploadId())).entity(status).build();
  }

  /**
   * Appends one chunk.
   *
   * @param id the upload
   * @param contentRange {@code bytes first-last/total}
   * @param body the chunk
   * @return the upload's status; complete after the last chunk
   */
  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_OCTET_STREAM)
  public UploadStatus append(
      @PathParam("id") String id,
      @HeaderParam("Content-Range") String contentRange,
      InputStream body) {
    ContentRange range = ContentRange.parse(contentRange);
    return uploads.append(
        currentUser.actor(http.getRemoteAddr()), id, range.first(), body, range.length());
  }

  /**
   * Where an upload stands.
   *
   * @param id the upload
   * @return its status
   */
  @GET
  @Path("{id}")
  public UploadStatus status(@PathParam("id") String id) {
    return uploads.status(currentUser.actor(http.getRemoteAddr()), id);
  }

  /**
   * Cancels an upload.
   *
   * @param id the upload
   * @return 204
   */
  @DELETE
  @Path("{id}")
  public Response cancel(@PathParam("id") String id) {
    uploads.cancel(currentUser.actor(http.getRemoteAddr()), id);
    return Response.noContent().build();
  }
}

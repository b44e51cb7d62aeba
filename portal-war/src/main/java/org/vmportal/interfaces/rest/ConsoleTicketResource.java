package org.vmportal.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.vmportal.application.ConsoleService;
import org.vmportal.application.PortalException;
import org.vmportal.guacamole.access.ConsoleDirectory;
import org.vmportal.guacamole.access.ConsoleKind;
import org.vmportal.interfaces.web.CurrentUser;

/**
 * {@code POST /api/vms/{id}/console-tickets}: a fresh single-use ticket for one console of a
 * running VM ({@code desktop} or {@code terminal}); {@code POST
 * /api/base-images/{id}/console-tickets}: one for the installer VM building a base image ({@code
 * installer}, platform admins). The console page asks on every connect. The answer holds no host,
 * port or password.
 */
@Path("{collection: vms|base-images}/{id}/console-tickets")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleTicketResource {

  @Inject private ConsoleService consoles;
  @Inject private CurrentUser currentUser;
  @Context private HttpServletRequest http;

  /**
   * Issues a ticket.
   *
   * @param collection {@code vms} or {@code base-images}
   * @param id the VM or base image
   * @param request {@code {"kind":"desktop"}}, {@code {"kind":"terminal"}} or {@code
   *     {"kind":"installer"}}
   * @return 201 with the ticket and how long it can be opened
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response issue(
      @PathParam("collection") String collection, @PathParam("id") long id, TicketRequest request) {
    boolean installer = collection.equals("base-images");
    ConsoleKind kind =
        ConsoleKind.parse(request == null ? null : request.kind())
            .filter(k -> (k == ConsoleKind.INSTALLER) == installer)
            .orElseThrow(
                () ->
                    new PortalException(
                        PortalException.Kind.INVALID,
                        installer
                            ? "A base image has one console: \"installer\"."
                            : "Say which console: \"desktop\" or \"terminal\"."));
    String ticket = consoles.issueTicket(currentUser.actor(http.getRemoteAddr()), id, kind);
    CacheControl noStore = new CacheControl();
    noStore.setNoStore(true);
    return Response.status(Response.Status.CREATED)
        .cacheControl(noStore)
        .entity(new Ticket(ticket, ConsoleDirectory.TICKET_LIFETIME.toSeconds()))
        .build();
  }

  /**
   * What the console page asks for.
   *
   * @param kind {@code desktop}, {@code terminal} or {@code installer}
   */
  public record TicketRequest(String kind) {}

  /**
   * A ticket for the console tunnel.
   *
   * @param ticket the signed, single-use ticket
   * @param expiresInSeconds how long it can be opened
   */
  public record Ticket(String ticket, long expiresInSeconds) {}
}

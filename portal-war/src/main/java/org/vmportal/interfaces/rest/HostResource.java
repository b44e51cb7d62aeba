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
import org.vmportal.application.HostService;
import org.vmportal.application.HostService.HostView;
import org.vmportal.application.HostService.NewHost;
import org.vmportal.application.PortalException;
import org.vmportal.application.PortalException.Kind;
import org.vmportal.interfaces.web.CurrentUser;

/** {@code /api/hosts}: the libvirt hosts, their load, and draining; platform admins only. */
@Path("hosts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class HostResource {

  @Inject private HostService hosts;
  @Inject private CurrentUser currentUser;
  @Context private HttpServletRequest http;

  /** Every host with its load. */
  @GET
  public List<HostView> list() {
    return hosts.list(currentUser.actor(http.getRemoteAddr()));
  }

  /**
   * Adds a host once the portal has reached its hypervisor.
   *
   * @param host name, URI, capacity and console address
   * @return 201 with the host
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response add(NewHost host) {
    if (host == null) {
      throw new PortalException(Kind.INVALID, "Send the host as JSON.");
    }
    HostView added = hosts.add(currentUser.actor(http.getRemoteAddr()), host);
    return Response.created(URI.create("hosts/" + added.id())).entity(added).build();
  }

  /**
   * Removes a host no VM is placed on.
   *
   * @param id the host
   * @return 204
   */
  @DELETE
  @Path("{id}")
  public Response remove(@PathParam("id") long id) {
    hosts.remove(currentUser.actor(http.getRemoteAddr()), id);
    return Response.noContent().build();
  }

  /**
   * Drains a host: it gets no new VMs, its VMs stay.
   *
   * @param id the host
   * @return the host
   */
  @POST
  @Path("{id}/drain")
  public HostView drain(@PathParam("id") long id) {
    return hosts.setDrained(currentUser.actor(http.getRemoteAddr()), id, true);
  }

  /**
   * Opens a drained host to new VMs again.
   *
   * @param id the host
   * @return the host
   */
  @POST
  @Path("{id}/undrain")
  public HostView undrain(@PathParam("id") long id) {
    return hosts.setDrained(currentUser.actor(http.getRemoteAddr()), id, false);
  }
}

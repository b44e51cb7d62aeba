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
import org.vmportal.application.Actor;
import org.vmportal.application.PortalException;
import org.vmportal.application.SnapshotService;
import org.vmportal.application.SnapshotService.CreateSnapshotRequest;
import org.vmportal.application.SnapshotService.SnapshotView;
import org.vmportal.application.VmService.VmView;
import org.vmportal.interfaces.web.CurrentUser;

/**
 * {@code /api/vms/{vmId}/snapshots}: a VM's snapshots. Another user's VM, or a snapshot of another
 * VM, is answered with 404.
 */
@Path("vms/{vmId}/snapshots")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SnapshotResource {

  @Inject private SnapshotService snapshots;
  @Inject private CurrentUser currentUser;
  @Context private HttpServletRequest http;

  /**
   * The VM's snapshots, oldest first.
   *
   * @param vmId the VM
   * @return its snapshots
   */
  @GET
  public List<SnapshotView> list(@PathParam("vmId") long vmId) {
    return snapshots.list(actor(), vmId);
  }

  /**
   * Takes a snapshot.
   *
   * @param vmId the VM
   * @param request {@code {"name":"...","kind":"disk"|"disk-and-memory"}} (kind optional)
   * @return 201 with the snapshot
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@PathParam("vmId") long vmId, CreateSnapshotRequest request) {
    if (request == null) {
      throw new PortalException(PortalException.Kind.INVALID, "Send the snapshot's name.");
    }
    SnapshotView snapshot = snapshots.create(actor(), vmId, request);
    return Response.created(URI.create("snapshots/" + snapshot.id())).entity(snapshot).build();
  }

  /**
   * Returns the VM to a snapshot.
   *
   * @param vmId the VM
   * @param snapshotId the snapshot
   * @return the VM after the revert
   */
  @POST
  @Path("{snapshotId}/revert")
  public VmView revert(@PathParam("vmId") long vmId, @PathParam("snapshotId") long snapshotId) {
    return snapshots.revert(actor(), vmId, snapshotId);
  }

  /**
   * Creates and starts a new VM from a snapshot.
   *
   * @param vmId the VM the snapshot belongs to
   * @param snapshotId the snapshot
   * @param request {@code {"name":"..."}}: the new VM's name
   * @return 201 with the new VM
   */
  @POST
  @Path("{snapshotId}/boot")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response boot(
      @PathParam("vmId") long vmId,
      @PathParam("snapshotId") long snapshotId,
      VmResource.NameRequest request) {
    VmView vm =
        snapshots.bootNewVm(actor(), vmId, snapshotId, request == null ? null : request.name());
    return Response.created(URI.create("/api/vms/" + vm.id())).entity(vm).build();
  }

  /**
   * Deletes a snapshot.
   *
   * @param vmId the VM
   * @param snapshotId the snapshot
   * @return 204
   */
  @DELETE
  @Path("{snapshotId}")
  public Response delete(@PathParam("vmId") long vmId, @PathParam("snapshotId") long snapshotId) {
    snapshots.delete(actor(), vmId, snapshotId);
    return Response.noContent().build();
  }

  private Actor actor() {
    return currentUser.actor(http.getRemoteAddr());
  }
}

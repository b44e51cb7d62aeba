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
import org.vmportal.application.PortalException;
import org.vmportal.application.VmService;
import org.vmportal.application.VmService.CatalogEntry;
import org.vmportal.application.VmService.CreateVmRequest;
import org.vmportal.application.VmService.VmLog;
import org.vmportal.application.VmService.VmView;
import org.vmportal.interfaces.web.CurrentUser;

/**
 * {@code /api/vms}: the caller's VMs and their life cycle; {@code /api/vms/catalog}: the OSes to
 * create them from. Another user's VM id is answered with 404.
 */
@Path("vms")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class VmResource {

  @Inject private VmService vms;
  @Inject private CurrentUser currentUser;
  @Context private HttpServletRequest http;

  /** The sealed base images VMs can be created from. */
  @GET
  @Path("catalog")
  public List<CatalogEntry> catalog() {
    return vms.catalog(currentUser.actor(http.getRemoteAddr()));
  }

  /** The caller's VMs, newest first. */
  @GET
  public List<VmView> list() {
    return vms.listOwn(currentUser.actor(http.getRemoteAddr()));
  }

  /**
   * Creates and starts a VM.
   *
   * @param request base image, name, vCPUs, memory
   * @return 201 with the VM
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(CreateVmRequest request) {
    if (request == null) {
      throw new PortalException(
          PortalException.Kind.INVALID, "Send the OS, the name, the vCPUs and the memory.");
    }
    VmView vm = vms.create(currentUser.actor(http.getRemoteAddr()), request);
    return Response.created(URI.create("vms/" + vm.id())).entity(vm).build();
  }

  /**
   * One VM.
   *
   * @param id the VM
   * @return the VM
   */
  @GET
  @Path("{id}")
  public VmView get(@PathParam("id") long id) {
    return vms.get(currentUser.actor(http.getRemoteAddr()), id);
  }

  /**
   * The end of one of a VM's logs (the last 64 KiB by default).
   *
   * @param id the VM
   * @param source {@code serial} or {@code qemu}
   * @return the log's end
   */
  @GET
  @Path("{id}/logs/{source}")
  public VmLog log(@PathParam("id") long id, @PathParam("source") String source) {
    return vms.log(currentUser.actor(http.getRemoteAddr()), id, source);
  }

  /**
   * Starts a stopped VM.
   *
   * @param id the VM
   * @return the VM
   */
  @POST
  @Path("{id}/start")
  public VmView start(@PathParam("id") long id) {
    return vms.start(currentUser.actor(http.getRemoteAddr()), id);
  }

  /**
   * Shuts a VM down (ACPI, then forced after the timeout).
   *
   * @param id the VM
   * @return the VM
   */
  @POST
  @Path("{id}/stop")
  public VmView stop(@PathParam("id") long id) {
    return vms.stop(currentUser.actor(http.getRemoteAddr()), id);
  }

  /**
   * Pauses a running VM.
   *
   * @param id the VM
   * @return the VM
   */
  @POST
  @Path("{id}/pause")
  public VmView pause(@PathParam("id") long id) {
    return vms.pause(currentUser.actor(http.getRemoteAddr()), id);
  }

  /**
   * Resumes a paused VM.
   *
   * @param id the VM
   * @return the VM
   */
  @POST
  @Path("{id}/resume")
  public VmView resume(@PathParam("id") long id) {
    return vms.resume(currentUser.actor(http.getRemoteAddr()), id);
  }

  /**
   * Renames a VM.
   *
   * @param id the VM
   * @param request {@code {"name":"..."}}
   * @return the VM
   */
  @POST
  @Path("{id}/rename")
  @Consumes(MediaType.APPLICATION_JSON)
  public VmView rename(@PathParam("id") long id, NameRequest request) {
    return vms.rename(
        currentUser.actor(http.getRemoteAddr()), id, request == null ? null : request.name());
  }

  /**
   * A name: a VM's new name, or the name of a VM made from a snapshot.
   *
   * @param name the name
   */
  public record NameRequest(String name) {}

  /**
   * Hibernates a VM (its memory saved to disk); start resumes it.
   *
   * @param id the VM
   * @return the VM
   */
  @POST
  @Path("{id}/hibernate")
  public VmView hibernate(@PathParam("id") long id) {
    return vms.hibernate(currentUser.actor(http.getRemoteAddr()), id);
  }

  /**
   * Powers a VM off at once.
   *
   * @param id the VM
   * @return the VM
   */
  @POST
  @Path("{id}/force-stop")
  public VmView forceStop(@PathParam("id") long id) {
    return vms.forceStop(currentUser.actor(http.getRemoteAddr()), id);
  }

  /**
   * Wipes a VM: domain, disk and row.
   *
   * @param id the VM
   * @return 204
   */
  @DELETE
  @Path("{id}")
  public Response wipe(@PathParam("id") long id) {
    vms.wipe(currentUser.actor(http.getRemoteAddr()), id);
    return Response.noContent().build();
  }
}

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
import org.vmportal.application.TemplateService;
import org.vmportal.application.TemplateService.SaveTemplateRequest;
import org.vmportal.application.TemplateService.TemplateView;
import org.vmportal.application.VmService.VmView;
import org.vmportal.interfaces.web.CurrentUser;

/**
 * {@code /api/templates}: the caller's tenant's templates, and VMs made from them. Another tenant's
 * template is answered with 404.
 */
@Path("templates")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TemplateResource {

  @Inject private TemplateService templates;
  @Inject private CurrentUser currentUser;
  @Context private HttpServletRequest http;

  /** The tenant's templates. */
  @GET
  public List<TemplateView> list() {
    return templates.list(actor());
  }

  /**
   * Saves a template.
   *
   * @param request {@code {"name","baseImageId","vcpus","memoryMib"}}
   * @return 201 with the template
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response save(SaveTemplateRequest request) {
    TemplateView template = templates.save(actor(), request);
    return Response.created(URI.create("templates/" + template.id())).entity(template).build();
  }

  /**
   * Creates and starts a VM of the template's shape.
   *
   * @param id the template
   * @param request {@code {"name":"..."}}: the VM's name
   * @return 201 with the VM
   */
  @POST
  @Path("{id}/vms")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response createVm(@PathParam("id") long id, VmResource.NameRequest request) {
    VmView vm = templates.createVm(actor(), id, request == null ? null : request.name());
    return Response.created(URI.create("/api/vms/" + vm.id())).entity(vm).build();
  }

  /**
   * Deletes a template.
   *
   * @param id the template
   * @return 204
   */
  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") long id) {
    templates.delete(actor(), id);
    return Response.noContent().build();
  }

  private Actor actor() {
    return currentUser.actor(http.getRemoteAddr());
  }
}

package org.vmportal.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.vmportal.application.Actor;
import org.vmportal.application.MemberService;
import org.vmportal.application.MemberService.MemberView;
import org.vmportal.application.MemberService.NewMember;
import org.vmportal.application.PortalException;
import org.vmportal.application.TenantService;
import org.vmportal.application.TenantService.TenantView;
import org.vmportal.domain.model.tenant.Quota;
import org.vmportal.interfaces.web.CurrentUser;

/**
 * {@code /api/tenants}: tenants and their members, for platform admins (every tenant) and tenant
 * admins (their own). Another tenant's id is answered with 404, a guest with 403.
 */
@Path("tenants")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TenantResource {

  @Inject private TenantService tenants;
  @Inject private MemberService members;
  @Inject private CurrentUser currentUser;
  @Context private HttpServletRequest http;

  /** The tenants the caller administers. */
  @GET
  public List<TenantView> list() {
    return tenants.list(actor());
  }

  /**
   * Creates a tenant (its Keycloak group too).
   *
   * @param request {@code {"slug":"...","displayName":"..."}}
   * @return 201 with the tenant
   */
  @POST
  public Response create(NewTenant request) {
    TenantView tenant = tenants.create(actor(), required(request).slug(), request.displayName());
    return Response.created(URI.create("tenants/" + tenant.id())).entity(tenant).build();
  }

  /**
   * One tenant.
   *
   * @param id the tenant
   * @return the tenant
   */
  @GET
  @Path("{id}")
  public TenantView get(@PathParam("id") long id) {
    return tenants.get(actor(), id);
  }

  /**
   * Renames a tenant.
   *
   * @param id the tenant
   * @param request {@code {"displayName":"..."}}
   * @return the tenant
   */
  @POST
  @Path("{id}/rename")
  public TenantView rename(@PathParam("id") long id, NewTenant request) {
    return tenants.rename(actor(), id, request == null ? null : request.displayName());
  }

  /**
   * Sets a tenant's limits.
   *
   * @param id the tenant
   * @param quota every limit
   * @return the tenant
   */
  @PUT
  @Path("{id}/quota")
  public TenantView quota(@PathParam("id") long id, Quota quota) {
    return tenants.changeQuota(actor(), id, quota);
  }

  /**
   * Sets a tenant's policies.
   *
   * @param id the tenant
   * @param policy {@code {"allowPersonalIsos":true,"stopVmsOnLogout":false}}
   * @return the tenant
   */
  @PUT
  @Path("{id}/policy")
  public TenantView policy(@PathParam("id") long id, Policy policy) {
    return tenants.changePolicy(
        actor(), id, required(policy).allowPersonalIsos(), policy.stopVmsOnLogout());
  }

  /**
   * A tenant's members.
   *
   * @param id the tenant
   * @return the members
   */
  @GET
  @Path("{id}/members")
  public List<MemberView> members(@PathParam("id") long id) {
    return members.members(actor(), id);
  }

  /**
   * Creates a member in Keycloak.
   *
   * @param id the tenant
   * @param request who, their temporary password and role
   * @return 201 with the member
   */
  @POST
  @Path("{id}/members")
  public Response createMember(@PathParam("id") long id, NewMember request) {
    MemberView member = members.create(actor(), id, request);
    return Response.created(URI.create("members/" + member.subject())).entity(member).build();
  }

  private Actor actor() {
    return currentUser.actor(http.getRemoteAddr());
  }

  private static <T> T required(T body) {
    if (body == null) {
      throw new PortalException(PortalException.Kind.INVALID, "The request has no body.");
    }
    return body;
  }

  /**
   * A new tenant, or a new name.
   *
   * @param slug the Keycloak group name
   * @param displayName the name people see
   */
  public record NewTenant(String slug, String displayName) {}

  /**
   * A tenant's policies.
   *
   * @param allowPersonalIsos whether members may upload ISOs
   * @param stopVmsOnLogout whether sign-out stops a member's VMs
   */
  public record Policy(boolean allowPersonalIsos, boolean stopVmsOnLogout) {}
}

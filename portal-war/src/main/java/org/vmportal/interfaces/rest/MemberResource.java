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
import org.vmportal.application.Actor;
import org.vmportal.application.MemberService;
import org.vmportal.application.MemberService.MemberView;
import org.vmportal.domain.model.tenant.Quota;
import org.vmportal.interfaces.web.CurrentUser;

/**
 * {@code /api/members/{subject}}: one person, by Keycloak user id, for platform admins and the
 * admins of the person's tenant. Anyone else's id is answered with 404, a guest with 403.
 */
@Path("members/{subject}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MemberResource {

  @Inject private MemberService members;
  @Inject private CurrentUser currentUser;
  @Context private HttpServletRequest http;

  /**
   * The person.
   *
   * @param subject their Keycloak id
   * @return the person
   */
  @GET
  public MemberView get(@PathParam("subject") String subject) {
    return members.get(actor(), subject);
  }

  /**
   * Puts the person in a tenant with a role.
   *
   * @param subject their Keycloak id
   * @param request {@code {"tenantId":1,"role":"guest"}}
   * @return the person
   */
  @POST
  @Path("assign")
  public MemberView assign(@PathParam("subject") String subject, Assignment request) {
    return members.assign(
        actor(),
        subject,
        request == null ? -1 : request.tenantId(),
        request == null ? null : request.role());
  }

  /**
   * Disables the person: sessions, consoles and VMs end.
   *
   * @param subject their Keycloak id
   * @return the person
   */
  @POST
  @Path("disable")
  public MemberView disable(@PathParam("subject") String subject) {
    return members.setEnabled(actor(), subject, false);
  }

  /**
   * Enables the person again.
   *
   * @param subject their Keycloak id
   * @return the person
   */
  @POST
  @Path("enable")
  public MemberView enable(@PathParam("subject") String subject) {
    return members.setEnabled(actor(), subject, true);
  }

  /**
   * Sets the person's own limits ({@code null} for the tenant's only).
   *
   * @param subject their Keycloak id
   * @param quota the limits
   * @return the person
   */
  @PUT
  @Path("quota")
  public MemberView quota(@PathParam("subject") String subject, Quota quota) {
    return members.changeQuota(actor(), subject, quota);
  }

  /**
   * Sets a temporary password.
   *
   * @param subject their Keycloak id
   * @param request {@code {"temporaryPassword":"..."}}
   * @return 204
   */
  @POST
  @Path("password")
  public Response password(@PathParam("subject") String subject, PasswordReset request) {
    members.resetPassword(actor(), subject, request == null ? null : request.temporaryPassword());
    return Response.noContent().build();
  }

  private Actor actor() {
    return currentUser.actor(http.getRemoteAddr());
  }

  /**
   * A tenant and role.
   *
   * @param tenantId the tenant
   * @param role {@code guest}, {@code tenant-admin} or {@code platform-admin}
   */
  public record Assignment(long tenantId, String role) {}

  /**
   * A temporary password.
   *
   * @param temporaryPassword 8 to 128 characters
   */
  public record PasswordReset(String temporaryPassword) {}
}

package org.vmportal.application;

import java.time.Instant;
import java.util.List;
import org.vmportal.domain.model.tenant.Quota;
import org.vmportal.domain.model.tenant.ResourceUsage;

/**
 * The people of a tenant, managed in Keycloak through the portal. A platform admin manages anyone;
 * a tenant admin manages the members of their own tenant (never a platform admin, never into
 * another tenant, never up to platform admin); a guest is refused. A person outside the actor's
 * reach is answered with {@link PortalException.Kind#NOT_FOUND}, whatever id is sent. Every change
 * and every refusal is audited.
 */
public interface MemberService {

  /**
   * A tenant's members, with their VMs and what those hold.
   *
   * @param actor a platform admin, or the tenant's admin
   * @param tenantId the tenant
   * @return the members, by username
   */
  List<MemberView> members(Actor actor, long tenantId);

  /**
   * One person.
   *
   * @param actor a platform admin, or the admin of the person's tenant
   * @param subject their Keycloak user id
   * @return the person
   */
  MemberView get(Actor actor, String subject);

  /**
   * Creates an account in Keycloak in the tenant, with a temporary password to change at the first
   * sign-in, and the portal's row for it.
   *
   * @param actor a platform admin, or the tenant's admin
   * @param tenantId the tenant
   * @param request who, and their first password and role
   * @return the new member
   * @throws PortalException INVALID for bad input, CONFLICT when the username or e-mail is taken
   */
  MemberView create(Actor actor, long tenantId, NewMember request);

  /**
   * Puts a person in a tenant with a role. Their open portal sessions end, so the next request
   * signs in with the new token. Moving someone who owns VMs to another tenant is refused.
   *
   * @param actor a platform admin, or (within their own tenant, up to tenant-admin) a tenant admin
   * @param subject the person
   * @param tenantId the tenant
   * @param role {@code guest}, {@code tenant-admin} or {@code platform-admin}
   * @return the person
   */
  MemberView assign(Actor actor, String subject, long tenantId, String role);

  /**
   * Disables or enables a person in Keycloak and in the portal. Disabling ends their Keycloak and
   * portal sessions, cuts their consoles and powers their VMs off.
   *
   * @param actor a platform admin, or the admin of the person's tenant
   * @param subject the person
   * @param enabled the new state
   * @return the person
   * @throws PortalException CONFLICT when admins try to disable themselves
   */
  MemberView setEnabled(Actor actor, String subject, boolean enabled);

  /**
   * Sets a member's own limits; a {@code null} limit leaves only the tenant's.
   *
   * @param actor a platform admin, or the admin of the member's tenant
   * @param subject the member
   * @param quota the limits
   * @return the member
   */
  MemberView changeQuota(Actor actor, String subject, Quota quota);

  /**
   * Sets a temporary password, to be changed at the next sign-in.
   *
   * @param actor a platform admin, or the admin of the member's tenant
   * @param subject the member
   * @param temporaryPassword 8 to 128 characters
   */
  void resetPassword(Actor actor, String subject, String temporaryPassword);

  /**
   * A new member.
   *
   * @param username 2 to 64 lower-case letters, digits, dots, dashes or underscores
   * @param email their e-mail address
   * @param firstName their first name
   * @param lastName their last name
   * @param temporaryPassword their first password, 8 to 128 characters
   * @param role {@code guest} or {@code tenant-admin} ({@code platform-admin} for platform admins)
   */
  record NewMember(
      String username,
      String email,
      String firstName,
      String lastName,
      String temporaryPassword,
      String role) {}

  /**
   * A person as admin pages and the API show them.
   *
   * @param subject their Keycloak user id
   * @param userId their portal id, or {@code null} before their first sign-in
   * @param username the username
   * @param email the e-mail address
   * @param fullName first and last name
   * @param enabled whether they may sign in
   * @param role their portal role's Keycloak name, or {@code null}
   * @param tenantId their tenant
   * @param quota their own limits (each {@code null} where only the tenant's applies)
   * @param usage what their VMs hold now
   * @param lastLoginAt their last sign-in, or {@code null}
   */
  record MemberView(
      String subject,
      Long userId,
      String username,
      String email,
      String fullName,
      boolean enabled,
      String role,
      Long tenantId,
      Quota quota,
      ResourceUsage usage,
      Instant lastLoginAt) {}
}

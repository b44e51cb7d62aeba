package org.vmportal.interfaces.web;

import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import org.vmportal.application.Actor;
import org.vmportal.application.PortalException;
import org.vmportal.domain.model.tenant.PortalUser;
import org.vmportal.domain.model.tenant.Role;

/**
 * Who is signed in, for this HTTP session: a snapshot taken when {@link SignInFilter} recorded the
 * sign-in, so pages never go back to the database for the top bar.
 */
@Named("currentUser")
@SessionScoped
public class CurrentUser implements Serializable {

  private static final long serialVersionUID = 1L;

  private Long userId;
  private String username;
  private String displayName;
  private String email;
  private Long tenantId;
  private String tenantName;
  private Role role;
  private String refusal;

  /**
   * Takes the snapshot after a successful sign-in.
   *
   * @param user the user the sign-in service returned
   */
  void signedIn(PortalUser user) {
    userId = user.getId();
    username = user.getUsername();
    displayName = user.getFullName() == null ? user.getUsername() : user.getFullName();
    email = user.getEmail();
    tenantId = user.getTenant() == null ? null : user.getTenant().getId();
    tenantName = user.getTenant() == null ? null : user.getTenant().getDisplayName();
    role = user.getRole();
    refusal = null;
  }

  /**
   * Remembers why the portal refused this session, so the reason is shown on every request instead
   * of signing in again.
   *
   * @param message the reason, for people
   */
  void refused(String message) {
    refusal = message;
  }

  /**
   * The signed-in user as the application services see them.
   *
   * @param clientAddress the request's remote address, for the audit trail
   * @return the actor
   * @throws PortalException {@link PortalException.Kind#FORBIDDEN} when the sign-in was not
   *     recorded
   */
  public Actor actor(String clientAddress) {
    if (!isSignedIn()) {
      throw new PortalException(PortalException.Kind.FORBIDDEN, "You are not signed in.");
    }
    return new Actor(userId, username, tenantId, role, clientAddress);
  }

  /** Whether the portal recorded this session's sign-in. */
  public boolean isSignedIn() {
    return userId != null;
  }

  /** Why the portal refused this session, or {@code null}. */
  public String getRefusal() {
    return refusal;
  }

  public Long getUserId() {
    return userId;
  }

  public String getUsername() {
    return username;
  }

  public String getDisplayName() {
    return displayName;
  }

  public String getEmail() {
    return email;
  }

  public Long getTenantId() {
    return tenantId;
  }

  /** The tenant's name, or "Platform" for a platform admin outside any tenant. */
  public String getTenantName() {
    return tenantName == null ? "Platform" : tenantName;
  }

  /** The role's Keycloak name, such as {@code guest}. */
  public String getRoleName() {
    return role == null ? null : role.keycloakName();
  }

  public boolean isPlatformAdmin() {
    return role == Role.PLATFORM_ADMIN;
  }

  /** Whether the person administers tenants: a tenant admin (their own) or a platform admin. */
  public boolean isTenantAdministrator() {
    return role == Role.PLATFORM_ADMIN || role == Role.TENANT_ADMIN;
  }
}

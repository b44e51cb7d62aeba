package org.vmportal.application;

import java.util.Objects;
import org.vmportal.domain.model.tenant.Role;

/**
 * Who asks for a use case: every application service takes one, checks it, and writes it to the
 * audit trail. Built by the interfaces layer from the signed-in session, never from request data.
 *
 * @param userId the portal user's id, or {@code null} for the portal itself
 * @param username the username, or {@code system}
 * @param tenantId the user's tenant, or {@code null} (platform admins, the portal itself)
 * @param role the user's highest role
 * @param clientAddress where the request came from, or {@code null} for background work
 */
public record Actor(Long userId, String username, Long tenantId, Role role, String clientAddress) {

  /** Rejects an actor without a name or role. */
  public Actor {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(role, "role");
  }

  /** The portal acting on its own (start-up seeding, timers), with platform rights. */
  public static Actor system() {
    return new Actor(null, "system", null, Role.PLATFORM_ADMIN, null);
  }

  public boolean isPlatformAdmin() {
    return role == Role.PLATFORM_ADMIN;
  }

  /**
   * Refuses anyone but a platform admin.
   *
   * @param refusal what to tell anyone else
   * @throws PortalException FORBIDDEN with that message
   */
  public void requirePlatformAdmin(String refusal) {
    if (!isPlatformAdmin()) {
      throw new PortalException(PortalException.Kind.FORBIDDEN, refusal);
    }
  }
}

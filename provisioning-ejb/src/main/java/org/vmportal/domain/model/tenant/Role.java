package org.vmportal.domain.model.tenant;

import java.util.Collection;
import java.util.Optional;

/**
 * A portal role, as Keycloak names it in the token. Ordered from most to least privileged, so the
 * highest role a user holds decides what the portal shows.
 */
public enum Role {
  PLATFORM_ADMIN("platform-admin"),
  TENANT_ADMIN("tenant-admin"),
  GUEST("guest");

  private final String keycloakName;

  Role(String keycloakName) {
    this.keycloakName = keycloakName;
  }

  /** The role's name in Keycloak, in the token and in {@code web.xml}. */
  public String keycloakName() {
    return keycloakName;
  }

  /**
   * The most privileged portal role among the given Keycloak role names.
   *
   * @param keycloakRoles role names from the token; unknown names (Keycloak's defaults) are ignored
   * @return the highest role, or empty when the user holds none of the portal's roles
   */
  public static Optional<Role> highestOf(Collection<String> keycloakRoles) {
    for (Role role : values()) {
      if (keycloakRoles.contains(role.keycloakName)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}

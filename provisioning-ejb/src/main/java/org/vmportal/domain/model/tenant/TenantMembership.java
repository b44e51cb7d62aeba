package org.vmportal.domain.model.tenant;

import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a user's tenant from Keycloak group paths. A tenant is a Keycloak group under {@value
 * #TENANTS_GROUP}; a user belongs to at most one, and any other group is ignored.
 */
public final class TenantMembership {

  /** The Keycloak group whose subgroups are the tenants. */
  public static final String TENANTS_GROUP = "/tenants/";

  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private TenantMembership() {}

  /**
   * The tenant slug found in the given group paths.
   *
   * @param groupPaths full Keycloak group paths, such as {@code /tenants/demo}
   * @return the slug, or empty when the user is in no tenant
   * @throws IllegalArgumentException when the user is in more than one tenant, or a tenant group is
   *     not a valid slug (lower-case letters, digits and dashes)
   */
  public static Optional<String> tenantSlugOf(Collection<String> groupPaths) {
    String found = null;
    for (String path : groupPaths) {
      if (!path.startsWith(TENANTS_GROUP)) {
        continue;
      }
      String slug = path.substring(TENANTS_GROUP.length());
      if (!SLUG.matcher(slug).matches()) {
        throw new IllegalArgumentException("Not a valid tenant group: " + path);
      }
      if (found != null && !found.equals(slug)) {
        throw new IllegalArgumentException(
            "User belongs to more than one tenant: " + found + ", " + slug);
      }
      found = slug;
    }
    return Optional.ofNullable(found);
  }
}

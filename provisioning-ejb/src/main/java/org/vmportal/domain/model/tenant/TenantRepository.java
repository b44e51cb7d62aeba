package org.vmportal.domain.model.tenant;

import java.util.Optional;

/** Tenants, by slug. */
public interface TenantRepository {

  /**
   * One tenant.
   *
   * @param id its id
   * @return the tenant, or empty
   */
  Optional<Tenant> find(long id);

  /**
   * The tenant with the given slug.
   *
   * @param slug the Keycloak group name
   * @return the tenant, or empty
   */
  Optional<Tenant> findBySlug(String slug);

  /**
   * The tenant with the given slug, created (with the slug as its name) if it does not exist yet.
   * Safe when several first sign-ins of one tenant race.
   *
   * @param slug the Keycloak group name
   * @return the stored tenant
   */
  Tenant findOrCreate(String slug);

  /** How many tenants exist. */
  long count();
}

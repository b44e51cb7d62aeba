package org.vmportal.domain.model.tenant;

import java.util.List;
import java.util.Map;
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

  /**
   * Every tenant, by name.
   *
   * @return the tenants
   */
  List<Tenant> findAll();

  /**
   * Stores a new or changed tenant.
   *
   * @param tenant the tenant
   * @return the managed tenant
   */
  Tenant store(Tenant tenant);

  /**
   * What each tenant's VMs hold.
   *
   * @return usage by tenant id; tenants without VMs are missing
   */
  Map<Long, ResourceUsage> usageByTenant();

  /**
   * What each member's VMs hold in one tenant.
   *
   * @param tenantId the tenant
   * @return usage by owner id; members without VMs are missing
   */
  Map<Long, ResourceUsage> usageByMember(long tenantId);

  /** How many tenants exist. */
  long count();
}

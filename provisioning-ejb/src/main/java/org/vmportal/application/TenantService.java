package org.vmportal.application;

import java.util.List;
import org.vmportal.domain.model.tenant.Quota;
import org.vmportal.domain.model.tenant.ResourceUsage;

/**
 * Tenants as admins manage them. A platform admin sees and changes every tenant; a tenant admin
 * sees their own and sets its policies; a guest is refused. Another tenant's id is answered with
 * {@link PortalException.Kind#NOT_FOUND}. Every change and every refusal is audited.
 */
public interface TenantService {

  /**
   * The tenants the actor administers, with what their VMs use.
   *
   * @param actor a platform admin (every tenant) or a tenant admin (their own)
   * @return the tenants, by name
   * @throws PortalException FORBIDDEN for a guest
   */
  List<TenantView> list(Actor actor);

  /**
   * One tenant.
   *
   * @param actor a platform admin, or the tenant's admin
   * @param tenantId the tenant
   * @return the tenant
   * @throws PortalException NOT_FOUND for a tenant the actor does not administer
   */
  TenantView get(Actor actor, long tenantId);

  /**
   * Creates a tenant: its Keycloak group under {@code /tenants} and its row, with the default
   * quotas.
   *
   * @param actor a platform admin
   * @param slug the group name: lower-case letters, digits and dashes
   * @param displayName the name people see
   * @return the tenant
   * @throws PortalException INVALID for a bad name, CONFLICT when it exists, FORBIDDEN otherwise
   */
  TenantView create(Actor actor, String slug, String displayName);

  /**
   * Renames a tenant (in Keycloak too); its slug stays.
   *
   * @param actor a platform admin
   * @param tenantId the tenant
   * @param displayName the new name
   * @return the tenant
   */
  TenantView rename(Actor actor, long tenantId, String displayName);

  /**
   * Sets a tenant's limits.
   *
   * @param actor a platform admin
   * @param tenantId the tenant
   * @param quota every limit
   * @return the tenant
   */
  TenantView changeQuota(Actor actor, long tenantId, Quota quota);

  /**
   * Sets whether members may upload personal ISOs and whether signing out stops their VMs.
   *
   * @param actor a platform admin, or the tenant's admin
   * @param tenantId the tenant
   * @param allowPersonalIsos whether members may upload their own ISOs
   * @param stopVmsOnLogout whether signing out stops the member's running VMs
   * @return the tenant
   */
  TenantView changePolicy(
      Actor actor, long tenantId, boolean allowPersonalIsos, boolean stopVmsOnLogout);

  /**
   * A tenant as admin pages and the API show it.
   *
   * @param id its id
   * @param slug its Keycloak group name
   * @param displayName its name
   * @param quota its limits
   * @param usage what its VMs hold now
   * @param allowPersonalIsos whether members may upload ISOs
   * @param stopVmsOnLogout whether signing out stops a member's VMs
   */
  record TenantView(
      long id,
      String slug,
      String displayName,
      Quota quota,
      ResourceUsage usage,
      boolean allowPersonalIsos,
      boolean stopVmsOnLogout) {}
}

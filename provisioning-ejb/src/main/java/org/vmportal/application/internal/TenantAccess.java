package org.vmportal.application.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.vmportal.application.Actor;
import org.vmportal.application.PortalException;
import org.vmportal.application.PortalException.Kind;
import org.vmportal.domain.model.tenant.Role;
import org.vmportal.domain.model.tenant.Tenant;
import org.vmportal.domain.model.tenant.TenantRepository;

/**
 * Who may administer what: the one place tenant and member administration check the actor. A guest
 * is refused outright (an escalation attempt, 403); a tenant admin reaches only their own tenant,
 * and anything else is "not found" (404), so that another tenant's ids reveal nothing.
 */
@ApplicationScoped
class TenantAccess {

  static final String NO_SUCH_TENANT = "There is no such tenant.";

  @Inject private TenantRepository tenants;

  /**
   * Refuses anyone but tenant and platform admins.
   *
   * @param actor who asks
   */
  void requireAdmin(Actor actor) {
    if (actor.role() == Role.GUEST || actor.userId() == null && !actor.isPlatformAdmin()) {
      throw new PortalException(
          Kind.FORBIDDEN, "Only tenant admins and platform admins manage tenants and members.");
    }
  }

  /**
   * Refuses anyone but platform admins.
   *
   * @param actor who asks
   * @param what what only platform admins may do, for the message
   */
  void requirePlatformAdmin(Actor actor, String what) {
    if (!actor.isPlatformAdmin()) {
      throw new PortalException(Kind.FORBIDDEN, "Only platform admins can " + what + ".");
    }
  }

  /**
   * The tenant, if the actor administers it.
   *
   * @param actor who asks
   * @param tenantId the tenant
   * @return the tenant
   * @throws PortalException FORBIDDEN for a guest, NOT_FOUND for a tenant the actor does not
   *     administer
   */
  Tenant administered(Actor actor, long tenantId) {
    requireAdmin(actor);
    if (!actor.isPlatformAdmin() && !Long.valueOf(tenantId).equals(actor.tenantId())) {
      throw new PortalException(Kind.NOT_FOUND, NO_SUCH_TENANT);
    }
    return tenants
        .find(tenantId)
        .orElseThrow(() -> new PortalException(Kind.NOT_FOUND, NO_SUCH_TENANT));
  }

  /**
   * Whether the actor administers the tenant with this slug.
   *
   * @param actor a tenant or platform admin
   * @param tenantSlug a tenant's slug, or {@code null} for someone in no tenant
   * @return whether they do
   */
  boolean administers(Actor actor, String tenantSlug) {
    if (actor.isPlatformAdmin()) {
      return true;
    }
    if (tenantSlug == null || actor.tenantId() == null) {
      return false;
    }
    return tenants
        .findBySlug(tenantSlug)
        .map(t -> t.getId().equals(actor.tenantId()))
        .orElse(false);
  }
}

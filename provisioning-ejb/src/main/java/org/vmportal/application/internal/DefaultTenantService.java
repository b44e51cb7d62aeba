package org.vmportal.application.internal;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.vmportal.application.Actor;
import org.vmportal.application.PortalException;
import org.vmportal.application.PortalException.Kind;
import org.vmportal.application.TenantService;
import org.vmportal.domain.model.audit.AuditTarget;
import org.vmportal.domain.model.tenant.Quota;
import org.vmportal.domain.model.tenant.ResourceUsage;
import org.vmportal.domain.model.tenant.Tenant;
import org.vmportal.domain.model.tenant.TenantRepository;
import org.vmportal.domain.service.DirectoryException;
import org.vmportal.domain.service.IdentityDirectory;

/** Tenants: rows here, groups in Keycloak; each change audited, each refusal too. */
@Stateless
public class DefaultTenantService implements TenantService {

  private static final Logger LOG = Logger.getLogger(DefaultTenantService.class.getName());
  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final int MAX_NAME = 128;

  @Inject private TenantRepository tenants;
  @Inject private IdentityDirectory directory;
  @Inject private TenantAccess access;
  @Inject private AuditLog audit;

  @Override
  public List<TenantView> list(Actor actor) {
    try {
      access.requireAdmin(actor);
    } catch (PortalException e) {
      audit.refused(actor, "TENANTS_LISTED", null, e.getMessage());
      throw e;
    }
    Map<Long, ResourceUsage> usage = tenants.usageByTenant();
    return tenants.findAll().stream()
        .filter(t -> actor.isPlatformAdmin() || t.getId().equals(actor.tenantId()))
        .map(t -> view(t, usage.getOrDefault(t.getId(), ResourceUsage.NONE)))
        .toList();
  }

  @Override
  public TenantView get(Actor actor, long tenantId) {
    Tenant tenant =
        guarded(actor, "TENANT_VIEWED", tenantId, () -> access.administered(actor, tenantId));
    return view(tenant, usage(tenant));
  }

  @Override
  public TenantView create(Actor actor, String slug, String displayName) {
    AuditTarget target = new AuditTarget("tenant", slug == null ? "?" : truncate(slug));
    String name;
    try {
      access.requirePlatformAdmin(actor, "create tenants");
      if (slug == null || !SLUG.matcher(slug).matches()) {
        throw new PortalException(
            Kind.INVALID,
            "A tenant's short name is 1 to 63 lower-case letters, digits and dashes, starting with a"
                + " letter or digit.");
      }
      name = checkedName(displayName);
      if (tenants.findBySlug(slug).isPresent()) {
        throw new PortalException(Kind.CONFLICT, "A tenant named \u201c" + slug + "\u201d exists.");
      }
      directory.createTenant(slug, name);
    } catch (DirectoryException e) {
      PortalException refusal =
          e.getKind() == DirectoryException.Kind.CONFLICT
              ? new PortalException(
                  Kind.CONFLICT, "Keycloak already has a tenant group \u201c" + slug + "\u201d.")
              : directoryFailed(e);
      audit.refused(actor, "TENANT_CREATED", target, refusal.getMessage());
      throw refusal;
    } catch (PortalException e) {
      audit.refused(actor, "TENANT_CREATED", target, e.getMessage());
      throw e;
    }
    Tenant tenant;
    try {
      tenant = tenants.findOrCreate(slug);
      tenant.rename(name);
      tenant = tenants.store(tenant);
    } catch (RuntimeException e) {
      directory.deleteTenant(slug); // nothing half-made: the group goes with the failed row
      throw e;
    }
    audit.success(
        actor, "TENANT_CREATED", new AuditTarget("tenant", tenant.getId().toString()), slug);
    LOG.log(Level.INFO, "{0} created tenant {1}", new Object[] {actor.username(), slug});
    return view(tenant, ResourceUsage.NONE);
  }

  @Override
  public TenantView rename(Actor actor, long tenantId, String displayName) {
    return change(
        actor,
        "TENANT_RENAMED",
        tenantId,
        tenant -> {
          access.requirePlatformAdmin(actor, "rename tenants");
          String name = checkedName(displayName);
          String before = tenant.getDisplayName();
          tenant.rename(name);
          try {
            directory.renameTenant(tenant.getSlug(), name);
          } catch (DirectoryException e) {
            throw directoryFailed(e);
          }
          return before + " \u2192 " + name;
        });
  }

  @Override
  public TenantView changeQuota(Actor actor, long tenantId, Quota quota) {
    return change(
        actor,
        "TENANT_QUOTA_CHANGED",
        tenantId,
        tenant -> {
          access.requirePlatformAdmin(actor, "change a tenant's quotas");
          if (quota == null || !quota.hasEveryLimit()) {
            throw new PortalException(Kind.INVALID, "Give every limit of the tenant a value.");
          }
          tenant.changeQuota(quota);
          return quota.toString();
        });
  }

  @Override
  public TenantView changePolicy(
      Actor actor, long tenantId, boolean allowPersonalIsos, boolean stopVmsOnLogout) {
    return change(
        actor,
        "TENANT_POLICY_CHANGED",
        tenantId,
        tenant -> {
          tenant.changePolicy(allowPersonalIsos, stopVmsOnLogout);
          return "personal ISOs "
              + (allowPersonalIsos ? "allowed" : "forbidden")
              + ", VMs "
              + (stopVmsOnLogout ? "stop" : "keep running")
              + " at sign-out";
        });
  }

  /** Finds the tenant the actor administers, applies a change, stores and audits it. */
  private TenantView change(
      Actor actor,
      String action,
      long tenantId,
      java.util.function.Function<Tenant, String> change) {
    AuditTarget target = new AuditTarget("tenant", Long.toString(tenantId));
    try {
      Tenant tenant = access.administered(actor, tenantId);
      String detail = change.apply(tenant);
      tenant = tenants.store(tenant);
      audit.success(actor, action, target, tenant.getSlug() + ": " + detail);
      return view(tenant, usage(tenant));
    } catch (IllegalArgumentException e) {
      PortalException invalid = new PortalException(Kind.INVALID, e.getMessage());
      audit.refused(actor, action, target, invalid.getMessage());
      throw invalid;
    } catch (PortalException e) {
      audit.refused(actor, action, target, e.getMessage());
      throw e;
    }
  }

  private Tenant guarded(
      Actor actor, String action, long tenantId, java.util.function.Supplier<Tenant> lookup) {
    try {
      return lookup.get();
    } catch (PortalException e) {
      audit.refused(
          actor, action, new AuditTarget("tenant", Long.toString(tenantId)), e.getMessage());
      throw e;
    }
  }

  private ResourceUsage usage(Tenant tenant) {
    return tenants.usageByTenant().getOrDefault(tenant.getId(), ResourceUsage.NONE);
  }

  private static TenantView view(Tenant tenant, ResourceUsage usage) {
    return new TenantView(
        tenant.getId(),
        tenant.getSlug(),
        tenant.getDisplayName(),
        tenant.getQuota(),
        usage,
        tenant.isAllowPersonalIsos(),
        tenant.isStopVmsOnLogout());
  }

  static String checkedName(String raw) {
    String name = raw == null ? "" : raw.strip();
    if (name.isEmpty() || name.length() > MAX_NAME) {
      throw new PortalException(
          Kind.INVALID, "A tenant's name is 1 to " + MAX_NAME + " characters.");
    }
    if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new PortalException(Kind.INVALID, "The name contains control characters.");
    }
    return name;
  }

  static PortalException directoryFailed(DirectoryException e) {
    LOG.log(Level.WARNING, "Keycloak refused or failed a change", e);
    return e.getKind() == DirectoryException.Kind.NOT_FOUND
        ? new PortalException(Kind.NOT_FOUND, "Keycloak does not know that tenant or person.")
        : new PortalException(
            Kind.FAILED, "Keycloak could not make the change; nothing was changed.", e);
  }

  private static String truncate(String text) {
    return text.length() > 64 ? text.substring(0, 64) : text;
  }
}

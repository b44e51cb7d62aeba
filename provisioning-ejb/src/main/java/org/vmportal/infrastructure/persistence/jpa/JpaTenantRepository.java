package org.vmportal.infrastructure.persistence.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vmportal.domain.model.tenant.ResourceUsage;
import org.vmportal.domain.model.tenant.Tenant;
import org.vmportal.domain.model.tenant.TenantRepository;

/** Tenants in MariaDB/MySQL. */
@ApplicationScoped
public class JpaTenantRepository implements TenantRepository {

  @PersistenceContext(unitName = "portal")
  private EntityManager em;

  @Override
  public Optional<Tenant> find(long id) {
    return Optional.ofNullable(em.find(Tenant.class, id));
  }

  @Override
  public Optional<Tenant> findBySlug(String slug) {
    return em.createNamedQuery("Tenant.findBySlug", Tenant.class)
        .setParameter("slug", slug)
        .getResultStream()
        .findFirst();
  }

  @Override
  public Tenant findOrCreate(String slug) {
    // An upsert rather than find-then-persist: two members' first sign-ins may race.
    em.createNativeQuery(
            "INSERT INTO tenants (slug, display_name) VALUES (?1, ?1) ON DUPLICATE KEY UPDATE id = id")
        .setParameter(1, slug)
        .executeUpdate();
    return findBySlug(slug).orElseThrow();
  }

  @Override
  public List<Tenant> findAll() {
    return em.createNamedQuery("Tenant.findAll", Tenant.class).getResultList();
  }

  @Override
  public Tenant store(Tenant tenant) {
    if (tenant.getId() == null) {
      em.persist(tenant);
      em.flush();
      return tenant;
    }
    return em.merge(tenant);
  }

  @Override
  public Map<Long, ResourceUsage> usageByTenant() {
    return usage("tenant_id", "", null);
  }

  @Override
  public Map<Long, ResourceUsage> usageByMember(long tenantId) {
    return usage("owner_id", "WHERE tenant_id = ?1", tenantId);
  }

  /** One aggregate over the VMs, grouped by the given column. */
  private Map<Long, ResourceUsage> usage(String groupColumn, String where, Long tenantId) {
    var query =
        em.createNativeQuery(
            "SELECT "
                + groupColumn
                + ", COUNT(*), SUM(state IN ('RUNNING', 'PAUSED', 'STARTING', 'STOPPING')),"
                + " SUM(vcpus), SUM(memory_mib), SUM(disk_gib) FROM vms "
                + where
                + " GROUP BY "
                + groupColumn);
    if (tenantId != null) {
      query.setParameter(1, tenantId);
    }
    Map<Long, ResourceUsage> usage = new HashMap<>();
    for (Object result : query.getResultList()) {
      Object[] row = (Object[]) result;
      usage.put(
          number(row[0]),
          new ResourceUsage(
              number(row[1]), number(row[2]), number(row[3]), number(row[4]), number(row[5])));
    }
    return usage;
  }

  private static long number(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }

  @Override
  public long count() {
    return em.createNamedQuery("Tenant.count", Long.class).getSingleResult();
  }
}

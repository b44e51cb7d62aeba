package org.vmportal.infrastructure.persistence.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.vmportal.domain.model.tenant.QuotaRepository;

/** Quota figures in MariaDB/MySQL: limits from the row, use summed over VMs and snapshots. */
@ApplicationScoped
public class JpaQuotaRepository implements QuotaRepository {

  private static final String LIMITS =
      "max_vms, max_vcpus, max_memory_mib, max_disk_gib, max_snapshot_gib";

  @PersistenceContext(unitName = "portal")
  private EntityManager em;

  @Override
  public Figures tenant(long tenantId) {
    return figures("tenants", "tenant_id", tenantId);
  }

  @Override
  public Figures member(long userId) {
    return figures("users", "owner_id", userId);
  }

  /** {@code table} and {@code vmColumn} are constants of this class, never request data. */
  private Figures figures(String table, String vmColumn, long id) {
    Object[] limits =
        (Object[])
            em.createNativeQuery("SELECT " + LIMITS + " FROM " + table + " WHERE id = ?1")
                .setParameter(1, id)
                .getSingleResult();
    Object[] used =
        (Object[])
            em.createNativeQuery(
                    "SELECT COUNT(*), COALESCE(SUM(vcpus), 0), COALESCE(SUM(memory_mib), 0),"
                        + " COALESCE(SUM(disk_gib), 0),"
                        + " (SELECT COALESCE(SUM(s.size_bytes), 0) FROM snapshots s"
                        + " JOIN vms sv ON sv.id = s.vm_id WHERE sv."
                        + vmColumn
                        + " = ?1)"
                        + " FROM vms WHERE "
                        + vmColumn
                        + " = ?1")
                .setParameter(1, id)
                .getSingleResult();
    return new Figures(
        number(limits[0]),
        number(limits[1]),
        number(limits[2]),
        number(limits[3]),
        number(limits[4]),
        ((Number) used[0]).longValue(),
        ((Number) used[1]).longValue(),
        ((Number) used[2]).longValue(),
        ((Number) used[3]).longValue(),
        ((Number) used[4]).longValue());
  }

  private static Long number(Object value) {
    return value == null ? null : ((Number) value).longValue();
  }
}

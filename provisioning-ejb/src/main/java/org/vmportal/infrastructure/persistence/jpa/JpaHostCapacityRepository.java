package org.vmportal.infrastructure.persistence.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vmportal.domain.model.metrics.HostCapacityRepository;

/** Hosts and their VMs' allocations in MariaDB/MySQL, one grouped query. */
@ApplicationScoped
public class JpaHostCapacityRepository implements HostCapacityRepository {

  @PersistenceContext(unitName = "portal")
  private EntityManager em;

  @Override
  public List<HostCapacity> findAll() {
    List<HostCapacity> hosts = new ArrayList<>();
    for (Object row :
        em.createNativeQuery(
                "SELECT h.id, h.name, h.uri, h.drained, h.max_vcpus, h.max_memory_mib,"
                    + " COUNT(v.id),"
                    + " COALESCE(SUM(v.state IN ('RUNNING', 'PAUSED')), 0),"
                    + " COALESCE(SUM(CASE WHEN v.state IN ('RUNNING', 'PAUSED') THEN v.vcpus END), 0),"
                    + " COALESCE(SUM(CASE WHEN v.state IN ('RUNNING', 'PAUSED') THEN v.memory_mib"
                    + " END), 0)"
                    + " FROM hosts h LEFT JOIN vms v ON v.host_id = h.id"
                    + " GROUP BY h.id, h.name, h.uri, h.drained, h.max_vcpus, h.max_memory_mib"
                    + " ORDER BY h.name")
            .getResultList()) {
      Object[] r = (Object[]) row;
      hosts.add(
          new HostCapacity(
              ((Number) r[0]).longValue(),
              (String) r[1],
              (String) r[2],
              r[3] instanceof Boolean b ? b : ((Number) r[3]).intValue() != 0,
              ((Number) r[4]).intValue(),
              ((Number) r[5]).longValue(),
              ((Number) r[6]).longValue(),
              ((Number) r[7]).longValue(),
              ((Number) r[8]).longValue(),
              ((Number) r[9]).longValue()));
    }
    return hosts;
  }

  @Override
  public Optional<Long> findIdByUri(String uri) {
    List<?> ids =
        em.createNativeQuery("SELECT id FROM hosts WHERE uri = ?1")
            .setParameter(1, uri)
            .getResultList();
    return ids.stream().findFirst().map(id -> ((Number) id).longValue());
  }
}

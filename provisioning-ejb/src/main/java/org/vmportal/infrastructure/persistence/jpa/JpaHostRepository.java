package org.vmportal.infrastructure.persistence.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vmportal.domain.model.host.Host;
import org.vmportal.domain.model.host.HostRepository;

/** Hosts in MariaDB/MySQL. */
@ApplicationScoped
public class JpaHostRepository implements HostRepository {

  @PersistenceContext(unitName = "portal")
  private EntityManager em;

  @Override
  public List<Host> findAll() {
    return em.createQuery("SELECT h FROM Host h ORDER BY h.name", Host.class).getResultList();
  }

  @Override
  public Optional<Host> find(long id) {
    return Optional.ofNullable(em.find(Host.class, id));
  }

  @Override
  public Optional<Host> lock(long id) {
    return Optional.ofNullable(em.find(Host.class, id, LockModeType.PESSIMISTIC_WRITE));
  }

  @Override
  public Map<Long, Load> loads() {
    // The same powered-on states placement counts (JpaVmRepository.placementHost).
    List<?> rows =
        em.createNativeQuery(
                "SELECT host_id, COUNT(*),"
                    + " SUM(state IN ('CREATING', 'STARTING', 'RUNNING', 'PAUSED', 'STOPPING')),"
                    + " SUM(CASE WHEN state IN ('CREATING', 'STARTING', 'RUNNING', 'PAUSED',"
                    + " 'STOPPING') THEN vcpus ELSE 0 END),"
                    + " SUM(CASE WHEN state IN ('CREATING', 'STARTING', 'RUNNING', 'PAUSED',"
                    + " 'STOPPING') THEN memory_mib ELSE 0 END)"
                    + " FROM vms GROUP BY host_id")
            .getResultList();
    Map<Long, Load> loads = new HashMap<>();
    for (Object row : rows) {
      Object[] r = (Object[]) row;
      loads.put(
          ((Number) r[0]).longValue(),
          new Load(
              ((Number) r[1]).longValue(),
              ((Number) r[2]).longValue(),
              ((Number) r[3]).longValue(),
              ((Number) r[4]).longValue()));
    }
    return loads;
  }

  @Override
  public void pointLocalHostAt(String uri) {
    em.createNativeQuery("UPDATE hosts SET uri = ?1 WHERE name = ?2 AND uri <> ?1")
        .setParameter(1, uri)
        .setParameter(2, Host.LOCAL)
        .executeUpdate();
  }

  @Override
  public Host add(Host host) {
    em.persist(host);
    em.flush();
    return host;
  }

  @Override
  public void remove(long hostId) {
    em.createNativeQuery("DELETE FROM host_samples WHERE host_id = ?1")
        .setParameter(1, hostId)
        .executeUpdate();
    Host host = em.find(Host.class, hostId);
    if (host != null) {
      em.remove(host);
    }
  }

  @Override
  public Host store(Host host) {
    return em.merge(host);
  }
}

package org.vmportal.infrastructure.persistence.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.vmportal.domain.model.vm.Snapshot;
import org.vmportal.domain.model.vm.SnapshotRepository;

/** Snapshots in MariaDB/MySQL. */
@ApplicationScoped
public class JpaSnapshotRepository implements SnapshotRepository {

  @PersistenceContext(unitName = "portal")
  private EntityManager em;

  @Override
  public List<Snapshot> findByVm(long vmId) {
    return em.createNamedQuery("Snapshot.findByVm", Snapshot.class)
        .setParameter("vmId", vmId)
        .getResultList();
  }

  @Override
  public Optional<Snapshot> find(long vmId, long snapshotId) {
    return Optional.ofNullable(em.find(Snapshot.class, snapshotId))
        .filter(s -> s.getVmId() == vmId);
  }

  @Override
  public Optional<Snapshot> findAny(long snapshotId) {
    return Optional.ofNullable(em.find(Snapshot.class, snapshotId));
  }

  @Override
  public Snapshot store(Snapshot snapshot) {
    if (snapshot.getId() == null) {
      em.persist(snapshot);
      em.flush();
      return snapshot;
    }
    return em.merge(snapshot);
  }

  @Override
  public void remove(Snapshot snapshot) {
    Snapshot managed = em.find(Snapshot.class, snapshot.getId());
    if (managed != null) {
      em.remove(managed);
    }
  }

  @Override
  public void removeAllOf(long vmId) {
    em.createNativeQuery("DELETE FROM snapshots WHERE vm_id = ?1")
        .setParameter(1, vmId)
        .executeUpdate();
  }
}

package org.vmportal.infrastructure.persistence.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.vmportal.domain.model.vm.SpareVm;
import org.vmportal.domain.model.vm.SpareVmRepository;
import org.vmportal.domain.service.Accelerator;

/** Spares in MariaDB/MySQL. */
@ApplicationScoped
public class JpaSpareVmRepository implements SpareVmRepository {

  @PersistenceContext(unitName = "portal")
  private EntityManager em;

  @Override
  public List<SpareVm> findAll() {
    return em.createNamedQuery("SpareVm.findAll", SpareVm.class).getResultList();
  }

  @Override
  public Optional<SpareVm> take(
      long hostId, long baseImageId, int vcpus, int memoryMib, Accelerator accelerator) {
    // SKIP LOCKED: concurrent creates each take a different spare instead of queueing on one.
    List<?> found =
        em.createNativeQuery(
                "SELECT * FROM spare_vms WHERE ready = TRUE AND host_id = ?1 AND base_image_id = ?2"
                    + " AND vcpus = ?3 AND memory_mib = ?4 AND accelerator = ?5"
                    + " ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED",
                SpareVm.class)
            .setParameter(1, hostId)
            .setParameter(2, baseImageId)
            .setParameter(3, vcpus)
            .setParameter(4, memoryMib)
            .setParameter(5, accelerator.name())
            .getResultList();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    SpareVm spare = (SpareVm) found.get(0);
    em.remove(spare);
    em.flush();
    return Optional.of(spare);
  }

  @Override
  public SpareVm store(SpareVm spare) {
    em.persist(spare);
    em.flush();
    return spare;
  }

  @Override
  public boolean markReady(long spareId) {
    return changesOneRow("UPDATE spare_vms SET ready = TRUE WHERE id = ?1", spareId);
  }

  @Override
  public boolean remove(long spareId) {
    return changesOneRow("DELETE FROM spare_vms WHERE id = ?1", spareId);
  }

  private boolean changesOneRow(String statement, long spareId) {
    return em.createNativeQuery(statement).setParameter(1, spareId).executeUpdate() == 1;
  }
}

package org.vmportal.infrastructure.persistence.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.vmportal.domain.model.image.Iso;
import org.vmportal.domain.model.image.IsoRepository;

/** ISO images in MariaDB/MySQL. */
@ApplicationScoped
public class JpaIsoRepository implements IsoRepository {

  @PersistenceContext(unitName = "portal")
  private EntityManager em;

  @Override
  public Optional<Iso> find(long id) {
    return Optional.ofNullable(em.find(Iso.class, id));
  }

  @Override
  public List<Iso> findInScope(Long tenantId) {
    return em.createNamedQuery("Iso.findInScope", Iso.class)
        .setParameter("tenantId", tenantId)
        .getResultList();
  }

  @Override
  public List<Iso> findAll() {
    return em.createNamedQuery("Iso.findAll", Iso.class).getResultList();
  }

  @Override
  public Optional<Iso> findBySha256InScope(String sha256, Long tenantId) {
    return em.createNamedQuery("Iso.findBySha256InScope", Iso.class)
        .setParameter("sha256", sha256)
        .setParameter("tenantId", tenantId)
        .getResultStream()
        .findFirst();
  }

  @Override
  public long personalBytes(long tenantId) {
    return ((Number)
            em.createNamedQuery("Iso.personalBytes")
                .setParameter("tenantId", tenantId)
                .getSingleResult())
        .longValue();
  }

  @Override
  public Iso store(Iso iso) {
    em.persist(iso);
    em.flush();
    return iso;
  }

  @Override
  public void remove(Iso iso) {
    em.remove(em.contains(iso) ? iso : em.merge(iso));
  }
}

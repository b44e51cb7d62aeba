package org.vmportal.infrastructure.persistence.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.vmportal.domain.model.image.BaseImage;
import org.vmportal.domain.model.image.BaseImageRepository;

/** Base images in MariaDB/MySQL. */
@ApplicationScoped
public class JpaBaseImageRepository implements BaseImageRepository {

  @PersistenceContext(unitName = "portal")
  private EntityManager em;

  @Override
  public Optional<BaseImage> find(long id) {
    return Optional.ofNullable(em.find(BaseImage.class, id));
  }

  @Override
  public Optional<BaseImage> lock(long id) {
    return Optional.ofNullable(em.find(BaseImage.class, id, LockModeType.PESSIMISTIC_WRITE));
  }

  @Override
  public Optional<BaseImage> findByName(String name) {
    return em.createNamedQuery("BaseImage.findByName", BaseImage.class)
        .setParameter("name", name)
        .getResultStream()
        .findFirst();
  }

  @Override
  public List<BaseImage> findAll() {
    return em.createNamedQuery("BaseImage.findAll", BaseImage.class).getResultList();
  }

  @Override
  public List<BaseImage> findBuildingFromIso(long isoId) {
    return em.createNamedQuery("BaseImage.findBuildingFromIso", BaseImage.class)
        .setParameter("isoId", isoId)
        .getResultList();
  }

  @Override
  public Usage usage(long baseImageId) {
    // Counted in SQL: one round trip for the three counts.
    Object[] counts =
        (Object[])
            em.createNativeQuery(
                    "SELECT (SELECT COUNT(*) FROM vms WHERE base_image_id = ?1),"
                        + " (SELECT COUNT(*) FROM snapshots s JOIN vms v ON v.id = s.vm_id"
                        + "  WHERE v.base_image_id = ?1),"
                        + " (SELECT COUNT(*) FROM templates WHERE base_image_id = ?1)")
                .setParameter(1, baseImageId)
                .getSingleResult();
    return new Usage(
        ((Number) counts[0]).longValue(),
        ((Number) counts[1]).longValue(),
        ((Number) counts[2]).longValue());
  }

  @Override
  public BaseImage store(BaseImage image) {
    if (image.getId() == null) {
      em.persist(image);
      em.flush();
      return image;
    }
    return em.merge(image);
  }

  @Override
  public void remove(BaseImage image) {
    em.remove(em.contains(image) ? image : em.merge(image));
  }
}

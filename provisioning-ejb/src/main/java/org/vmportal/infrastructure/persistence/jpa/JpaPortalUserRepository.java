package org.vmportal.infrastructure.persistence.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import org.vmportal.domain.model.tenant.PortalUser;
import org.vmportal.domain.model.tenant.PortalUserRepository;

/** Portal users in MariaDB/MySQL. */
@ApplicationScoped
public class JpaPortalUserRepository implements PortalUserRepository {

  @PersistenceContext(unitName = "portal")
  private EntityManager em;

  @Override
  public Optional<PortalUser> findBySubject(String subject) {
    return em.createNamedQuery("PortalUser.findBySubject", PortalUser.class)
        .setParameter("subject", subject)
        .getResultStream()
        .findFirst();
  }

  @Override
  public PortalUser store(PortalUser user) {
    if (user.getId() == null) {
      em.persist(user);
      em.flush();
      return user;
    }
    return em.merge(user);
  }

  @Override
  public long count() {
    return em.createNamedQuery("PortalUser.count", Long.class).getSingleResult();
  }
}

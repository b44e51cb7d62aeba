package org.vmportal.infrastructure.persistence.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
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
  public Optional<PortalUser> findByUsername(String username) {
    return em.createNamedQuery("PortalUser.findByUsername", PortalUser.class)
        .setParameter("username", username)
        .getResultStream()
        .findFirst();
  }

  @Override
  public Optional<PortalUser> find(long id) {
    return Optional.ofNullable(em.find(PortalUser.class, id));
  }

  @Override
  public List<PortalUser> findByTenant(long tenantId) {
    return em.createNamedQuery("PortalUser.findByTenant", PortalUser.class)
        .setParameter("tenantId", tenantId)
        .getResultList();
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
  public Map<Long, String> usernames(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    return em.createQuery(
            "SELECT u.id, u.username FROM PortalUser u WHERE u.id IN :ids", Object[].class)
        .setParameter("ids", ids)
        .getResultStream()
        .collect(Collectors.toMap(row -> (Long) row[0], row -> (String) row[1]));
  }

  @Override
  public long count() {
    return em.createNamedQuery("PortalUser.count", Long.class).getSingleResult();
  }
}

package org.vmportal.infrastructure.persistence.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.vmportal.domain.model.audit.AuditEvent;
import org.vmportal.domain.model.audit.AuditRepository;

/** The audit trail in MariaDB/MySQL. */
@ApplicationScoped
public class JpaAuditRepository implements AuditRepository {

  @PersistenceContext(unitName = "portal")
  private EntityManager em;

  @Override
  public void append(AuditEvent event) {
    em.persist(event);
  }

  @Override
  public List<AuditEvent> findRecent(int limit) {
    return em.createNamedQuery("AuditEvent.findRecent", AuditEvent.class)
        .setMaxResults(limit)
        .getResultList();
  }
}

package org.vmportal.infrastructure.persistence.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.vmportal.domain.model.vm.VmTemplate;
import org.vmportal.domain.model.vm.VmTemplateRepository;

/** Templates in MariaDB/MySQL. */
@ApplicationScoped
public class JpaVmTemplateRepository implements VmTemplateRepository {

  @PersistenceContext(unitName = "portal")
  private EntityManager em;

  @Override
  public List<VmTemplate> findByTenant(long tenantId) {
    return em.createNamedQuery("VmTemplate.findByTenant", VmTemplate.class)
        .setParameter("tenantId", tenantId)
        .getResultList();
  }

  @Override
  public Optional<VmTemplate> find(long id) {
    return Optional.ofNullable(em.find(VmTemplate.class, id));
  }

  @Override
  public VmTemplate store(VmTemplate template) {
    em.persist(template);
    em.flush();
    return template;
  }

  @Override
  public void remove(VmTemplate template) {
    VmTemplate managed = em.find(VmTemplate.class, template.getId());
    if (managed != null) {
      em.remove(managed);
    }
  }
}

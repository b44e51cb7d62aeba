package org.vmportal.infrastructure.persistence.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import org.vmportal.domain.model.tenant.Tenant;
import org.vmportal.domain.model.tenant.TenantRepository;

/** Tenants in MariaDB/MySQL. */
@ApplicationScoped
public class JpaTenantRepository implements TenantRepository {

  @PersistenceContext(unitName = "portal")
  private EntityManager em;

  @Override
  public Optional<Tenant> find(long id) {
    return Optional.ofNullable(em.find(Tenant.class, id));
  }

  @Override
  public Optional<Tenant> findBySlug(String slug) {
    return em.createNamedQuery("Tenant.findBySlug", Tenant.class)
        .setParameter("slug", slug)
        .getResultStream()
        .findFirst();
  }

  @Override
  public Tenant findOrCreate(String slug) {
    // An upsert rather than find-then-persist: two members' first sign-ins may race.
    em.createNativeQuery(
            "INSERT INTO tenants (slug, display_name) VALUES (?1, ?1) ON DUPLICATE KEY UPDATE id = id")
        .setParameter(1, slug)
        .executeUpdate();
    return findBySlug(slug).orElseThrow();
  }

  @Override
  public long count() {
    return em.createNamedQuery("Tenant.count", Long.class).getSingleResult();
  }
}

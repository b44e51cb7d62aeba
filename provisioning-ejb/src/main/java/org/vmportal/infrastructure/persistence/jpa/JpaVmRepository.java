package org.vmportal.infrastructure.persistence.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vmportal.domain.model.vm.VirtualMachine;
import org.vmportal.domain.model.vm.VmChanged;
import org.vmportal.domain.model.vm.VmRepository;
import org.vmportal.domain.model.vm.VmState;

/**
 * Virtual machines in MariaDB/MySQL. Every store and remove publishes {@link VmChanged}, as
 * cargotracker's repository publishes its cargo updates, so no caller can forget to.
 */
@ApplicationScoped
public class JpaVmRepository implements VmRepository {

  @PersistenceContext(unitName = "portal")
  private EntityManager em;

  @Inject private Event<VmChanged> changes;

  @Override
  public Optional<VirtualMachine> find(long id) {
    return Optional.ofNullable(em.find(VirtualMachine.class, id));
  }

  @Override
  public List<VirtualMachine> findByOwner(long ownerId) {
    return em.createNamedQuery("VirtualMachine.findByOwner", VirtualMachine.class)
        .setParameter("ownerId", ownerId)
        .getResultList();
  }

  @Override
  public List<VirtualMachine> findByState(VmState state) {
    return em.createNamedQuery("VirtualMachine.findByState", VirtualMachine.class)
        .setParameter("state", state)
        .getResultList();
  }

  @Override
  public Optional<VirtualMachine> findByDomainName(String domainName) {
    return em.createNamedQuery("VirtualMachine.findByDomainName", VirtualMachine.class)
        .setParameter("domainName", domainName)
        .getResultStream()
        .findFirst();
  }

  @Override
  public List<String> domainNames() {
    return strings("SELECT domain_name FROM vms UNION ALL SELECT domain_name FROM spare_vms");
  }

  @Override
  public void touch(Collection<Long> vmIds) {
    if (!vmIds.isEmpty()) {
      jakarta.persistence.Query update =
          em.createNativeQuery(
              "UPDATE vms SET last_activity_at = NOW(3) WHERE id IN (" + marks(vmIds.size()) + ")");
      int i = 1;
      for (Long id : vmIds) {
        update.setParameter(i++, id);
      }
      update.executeUpdate();
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<VirtualMachine> findInactiveSince(Instant cutoff, Collection<VmState> states) {
    jakarta.persistence.Query query =
        em.createNativeQuery(
            "SELECT * FROM vms WHERE last_activity_at < ?1 AND state IN ("
                + marks(states.size(), 2)
                + ") ORDER BY last_activity_at",
            VirtualMachine.class);
    query.setParameter(1, java.sql.Timestamp.from(cutoff));
    int i = 2;
    for (VmState state : states) {
      query.setParameter(i++, state.name());
    }
    return query.getResultList();
  }

  /** {@code ?1, ?2, ...} for a native IN list. */
  private static String marks(int count) {
    return marks(count, 1);
  }

  private static String marks(int count, int first) {
    StringBuilder marks = new StringBuilder();
    for (int i = 0; i < count; i++) {
      marks.append(i == 0 ? "" : ", ").append('?').append(first + i);
    }
    return marks.toString();
  }

  @Override
  public List<String> overlayVolumes() {
    return strings("SELECT overlay_volume FROM vms UNION ALL SELECT overlay_volume FROM spare_vms");
  }

  private List<String> strings(String nativeQuery) {
    List<String> values = new java.util.ArrayList<>();
    for (Object value : em.createNativeQuery(nativeQuery).getResultList()) {
      values.add(value.toString());
    }
    return values;
  }

  @Override
  public void lockTenant(long tenantId) {
    em.createNativeQuery("SELECT id FROM tenants WHERE id = ?1 FOR UPDATE")
        .setParameter(1, tenantId)
        .getResultList();
  }

  @Override
  public void lockHost(long hostId) {
    em.createNativeQuery("SELECT id FROM hosts WHERE id = ?1 FOR UPDATE")
        .setParameter(1, hostId)
        .getResultList();
  }

  @Override
  public Set<Integer> serialPortsInUse(long hostId) {
    // Locking reads: a plain read would see the transaction's snapshot, which a create takes at its
    // quota check, before it waits here; a port committed meanwhile by another tenant's create or a
    // spare would look free (seen in CI: two QEMUs on one port, the second create failed).
    Set<Integer> ports = new HashSet<>();
    for (String holders :
        List.of(
            "SELECT serial_port FROM vms WHERE host_id = ?1 AND serial_port IS NOT NULL",
            "SELECT serial_port FROM spare_vms WHERE host_id = ?1")) {
      for (Object port :
          em.createNativeQuery(holders + " LOCK IN SHARE MODE")
              .setParameter(1, hostId)
              .getResultList()) {
        ports.add(((Number) port).intValue());
      }
    }
    return ports;
  }

  @Override
  public Usage usage(long tenantId, Long ownerId) {
    Object[] row =
        (Object[])
            em.createNativeQuery(
                    "SELECT COUNT(*), COALESCE(SUM(vcpus), 0), COALESCE(SUM(memory_mib), 0),"
                        + " COALESCE(SUM(disk_gib), 0),"
                        + " (SELECT COALESCE(SUM(s.size_bytes), 0) FROM snapshots s"
                        + " JOIN vms sv ON sv.id = s.vm_id"
                        + " WHERE sv.tenant_id = ?1 AND (?2 IS NULL OR sv.owner_id = ?2))"
                        + " FROM vms WHERE tenant_id = ?1 AND (?2 IS NULL OR owner_id = ?2)")
                .setParameter(1, tenantId)
                .setParameter(2, ownerId)
                .getSingleResult();
    return new Usage(
        ((Number) row[0]).longValue(),
        ((Number) row[1]).longValue(),
        ((Number) row[2]).longValue(),
        ((Number) row[3]).longValue(),
        ((Number) row[4]).longValue());
  }

  @Override
  public Optional<Long> placementHost(int memoryMib, Set<Long> excluded) {
    List<?> ids =
        em.createNativeQuery(
                "SELECT h.id FROM hosts h LEFT JOIN vms v ON v.host_id = h.id"
                    + " AND v.state IN ('CREATING', 'STARTING', 'RUNNING', 'PAUSED', 'STOPPING')"
                    + " WHERE h.drained = FALSE GROUP BY h.id, h.max_memory_mib"
                    + " HAVING h.max_memory_mib - COALESCE(SUM(v.memory_mib), 0) >= ?1"
                    + " ORDER BY h.max_memory_mib - COALESCE(SUM(v.memory_mib), 0) DESC, h.id")
            .setParameter(1, memoryMib)
            .getResultList();
    return ids.stream()
        .map(id -> ((Number) id).longValue())
        .filter(id -> !excluded.contains(id))
        .findFirst();
  }

  @Override
  public VirtualMachine store(VirtualMachine vm) {
    VirtualMachine stored;
    if (vm.getId() == null) {
      em.persist(vm);
      em.flush();
      stored = vm;
    } else {
      stored = em.merge(vm);
    }
    changes.fire(
        new VmChanged(
            stored.getId(), stored.getTenantId(), stored.getOwnerId(), stored.getState()));
    return stored;
  }

  @Override
  public void remove(VirtualMachine vm) {
    em.remove(em.contains(vm) ? vm : em.merge(vm));
    changes.fire(new VmChanged(vm.getId(), vm.getTenantId(), vm.getOwnerId(), null));
  }
}

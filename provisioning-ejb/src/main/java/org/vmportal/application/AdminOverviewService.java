package org.vmportal.application;

import java.util.List;
import java.util.Map;
import org.vmportal.domain.model.audit.AuditEvent;
import org.vmportal.domain.model.vm.VmState;

/** What a platform admin sees first: how big the platform is and what happened last. */
public interface AdminOverviewService {

  /**
   * Counts and the latest audit events.
   *
   * @param recentEvents how many audit events to include
   * @return the overview
   */
  Overview overview(int recentEvents);

  /**
   * The platform at a glance.
   *
   * @param tenants how many tenants exist
   * @param users how many users have signed in
   * @param isos how many ISOs are stored (platform and personal)
   * @param baseImages how many base images exist (sealed or building)
   * @param vmsByState how many VMs are in each state; states without VMs are left out
   * @param recentEvents the newest audit events first
   */
  record Overview(
      long tenants,
      long users,
      long isos,
      long baseImages,
      Map<VmState, Long> vmsByState,
      List<AuditEvent> recentEvents) {

    /** Every VM, whatever its state. */
    public long vms() {
      return vmsByState.values().stream().mapToLong(Long::longValue).sum();
    }
  }
}

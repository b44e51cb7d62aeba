package org.vmportal.application;

import org.vmportal.domain.service.DomainLifecycleEvent;

/**
 * Keeps the database true to the hypervisor: a VM whose QEMU crashed or was killed, or whose domain
 * vanished, is marked ERROR with the reason; this portal's domains and overlays that nothing owns,
 * and VMs left half-made or half-wiped, are cleaned up after a grace period. Events are the fast
 * path, a timer the safety net.
 */
public interface ReconciliationService {

  /**
   * Compares every running or paused VM with its domain, and sweeps what nothing owns.
   *
   * @return what was found
   */
  Report reconcile();

  /**
   * Handles one domain event at once (a crash is marked within seconds).
   *
   * @param event the hypervisor's event
   */
  void domainChanged(DomainLifecycleEvent event);

  /**
   * What one pass found.
   *
   * @param domains the portal's domains libvirt reported
   * @param checked powered-on VMs compared with their domains
   * @param corrected VMs whose row changed
   * @param orphansRemoved domains, overlays and half-made VMs removed
   * @param millis how long the pass took
   */
  record Report(int domains, int checked, int corrected, int orphansRemoved, long millis) {}
}

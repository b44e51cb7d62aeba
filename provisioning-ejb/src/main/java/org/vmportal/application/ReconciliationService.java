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
   * Compares every running or paused VM with its domain on its host, and sweeps what nothing owns.
   * The VMs of a host that does not answer are left as they are until it answers again.
   *
   * @return what was found
   */
  Report reconcile();

  /**
   * Handles one domain event at once (a crash is marked within seconds).
   *
   * @param hostId the host whose hypervisor sent it
   * @param event the hypervisor's event
   */
  void domainChanged(long hostId, DomainLifecycleEvent event);

  /**
   * What one pass found.
   *
   * @param domains the portal's domains libvirt reported, on every host that answered
   * @param checked powered-on VMs compared with their domains
   * @param corrected VMs whose row changed
   * @param orphansRemoved domains, overlays and half-made VMs removed
   * @param unreachableHosts hosts whose hypervisor did not answer
   * @param millis how long the pass took
   */
  record Report(
      int domains,
      int checked,
      int corrected,
      int orphansRemoved,
      int unreachableHosts,
      long millis) {}
}

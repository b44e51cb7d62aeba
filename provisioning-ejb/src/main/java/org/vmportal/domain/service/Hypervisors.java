package org.vmportal.domain.service;

import java.util.Map;
import java.util.Set;

/**
 * The hypervisor of every host in the hosts table, each over its own connection. Hosts share the
 * portal's storage (the same paths on every host), so disks are made once and any host can run
 * them; what differs per host is where a VM's domain lives.
 */
public interface Hypervisors {

  /**
   * The hypervisor of one host: where the VMs placed on it are defined and run.
   *
   * @param hostId the host
   * @return its hypervisor; connected on first use
   * @throws HypervisorException when there is no such host
   */
  Hypervisor of(long hostId);

  /**
   * Every host's hypervisor, as the hosts table lists them now.
   *
   * @return hypervisors by host id
   */
  Map<Long, Hypervisor> byHost();

  /**
   * Connects to a libvirt URI that is not a host yet and lists its domains: proof that it answers.
   *
   * @param uri the URI
   * @throws HypervisorException with libvirt's reason when it does not answer
   */
  void probe(String uri);

  /**
   * Records whether a host answered its last check, so that new VMs avoid one that does not.
   *
   * @param hostId the host
   * @param reachable whether its hypervisor answered
   * @return whether this changed what was recorded (the host went away or came back)
   */
  boolean markReachable(long hostId, boolean reachable);

  /**
   * The hosts whose last check failed (a host not yet checked counts as reachable).
   *
   * @return their ids
   */
  Set<Long> unreachable();
}

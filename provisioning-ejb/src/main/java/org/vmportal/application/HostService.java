package org.vmportal.application;

import java.util.List;

/** The libvirt hosts, for platform admins: capacity, load, and draining. */
public interface HostService {

  /**
   * Every host with its load.
   *
   * @param actor a platform admin
   * @return the hosts
   */
  List<HostView> list(Actor actor);

  /**
   * Drains a host (it gets no new VMs; its VMs stay) or opens it again.
   *
   * @param actor a platform admin
   * @param hostId the host
   * @param drained whether to drain it
   * @return the host after the change
   */
  HostView setDrained(Actor actor, long hostId, boolean drained);

  /**
   * A host as the admin pages show it.
   *
   * @param id its id
   * @param name its name
   * @param uri its libvirt URI
   * @param maxVcpus vCPUs it offers
   * @param maxMemoryMib memory it offers
   * @param vms VMs placed on it
   * @param poweredOn those powered on
   * @param usedVcpus their vCPUs
   * @param usedMemoryMib their memory
   * @param drained whether it takes no new VMs
   */
  record HostView(
      long id,
      String name,
      String uri,
      int maxVcpus,
      long maxMemoryMib,
      long vms,
      long poweredOn,
      long usedVcpus,
      long usedMemoryMib,
      boolean drained) {}
}

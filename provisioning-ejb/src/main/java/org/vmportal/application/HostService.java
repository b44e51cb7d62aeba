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
   * Adds a host once the portal has reached its hypervisor; it takes new VMs at once.
   *
   * @param actor a platform admin
   * @param host what the admin entered
   * @return the new host
   * @throws org.vmportal.application.PortalException when the entry is invalid, the name or URI is
   *     taken, or the hypervisor does not answer; nothing is stored then
   */
  HostView add(Actor actor, NewHost host);

  /**
   * Removes a host no VM is placed on. The local host stays.
   *
   * @param actor a platform admin
   * @param hostId the host
   */
  void remove(Actor actor, long hostId);

  /**
   * A host as an admin enters it.
   *
   * @param name how admins call it
   * @param uri its libvirt URI, such as {@code qemu+ssh://root@host2/system}
   * @param maxVcpus vCPUs it offers to VMs
   * @param maxMemoryMib memory it offers to VMs
   * @param consoleAddress where guacd reaches its VMs' consoles; blank for 127.0.0.1
   */
  record NewHost(String name, String uri, int maxVcpus, long maxMemoryMib, String consoleAddress) {}

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
   * @param reachable whether its hypervisor answered the last check (new VMs avoid it otherwise)
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
      boolean drained,
      boolean reachable) {}
}

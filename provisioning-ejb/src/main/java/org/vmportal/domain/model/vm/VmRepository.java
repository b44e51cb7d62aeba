package org.vmportal.domain.model.vm;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Virtual machines, and the quota arithmetic over them. */
public interface VmRepository {

  /**
   * One VM.
   *
   * @param id its id
   * @return the VM, or empty
   */
  Optional<VirtualMachine> find(long id);

  /**
   * A user's VMs, newest first.
   *
   * @param ownerId the owner
   * @return the VMs
   */
  List<VirtualMachine> findByOwner(long ownerId);

  /**
   * VMs in one state (recovery and reconciliation).
   *
   * @param state the state
   * @return the VMs
   */
  List<VirtualMachine> findByState(VmState state);

  /**
   * The VM run as a libvirt domain.
   *
   * @param domainName the domain's name
   * @return the VM, or empty when the domain is not a VM's
   */
  Optional<VirtualMachine> findByDomainName(String domainName);

  /** The domain names of every VM and every spare: the domains the portal owns. */
  List<String> domainNames();

  /**
   * The overlay volume of every VM and every spare.
   *
   * @return volume names in the overlay pool
   */
  List<String> overlayVolumes();

  /**
   * Records use of the VMs now (an open console).
   *
   * @param vmIds the VMs
   */
  void touch(Collection<Long> vmIds);

  /**
   * VMs in one of the states whose last activity is older than the cutoff.
   *
   * @param cutoff the instant
   * @param states the states to look at
   * @return the VMs, oldest activity first
   */
  List<VirtualMachine> findInactiveSince(Instant cutoff, Collection<VmState> states);

  /**
   * Locks the tenant's row until the transaction ends, so that quota checks and the inserts they
   * allow happen one at a time per tenant.
   *
   * @param tenantId the tenant
   */
  void lockTenant(long tenantId);

  /**
   * Locks a host's row until the transaction ends. Creates and spare refills take it before they
   * read or insert spare rows or pick a console port on the host, so they queue here instead of
   * deadlocking on each other's row and gap locks.
   *
   * @param hostId the host
   */
  void lockHost(long hostId);

  /**
   * The serial console ports VMs and spares on a host hold, read with locking reads. The caller
   * holds the host's row ({@link #lockHost}) until its transaction ends, so that two creates never
   * pick the same port.
   *
   * @param hostId the host
   * @return the ports in use there
   */
  Set<Integer> serialPortsInUse(long hostId);

  /**
   * What a tenant's, or one member's, VMs use: every VM counts (a stopped VM keeps its disk and may
   * start again at any time).
   *
   * @param tenantId the tenant
   * @param ownerId one member, or {@code null} for the whole tenant
   * @return the usage
   */
  Usage usage(long tenantId, Long ownerId);

  /**
   * Of the hosts that are not drained or excluded, the one with the most memory free for VMs (its
   * capacity less the memory of its VMs that are powered on or about to be), if at least {@code
   * memoryMib}.
   *
   * @param memoryMib the memory the new VM needs
   * @param excluded hosts not to consider (those that do not answer)
   * @return the host's id
   */
  Optional<Long> placementHost(int memoryMib, Set<Long> excluded);

  /**
   * Stores a new or changed VM.
   *
   * @param vm the VM
   * @return the stored VM
   */
  VirtualMachine store(VirtualMachine vm);

  /**
   * Removes a VM's row.
   *
   * @param vm the VM
   */
  void remove(VirtualMachine vm);

  /**
   * Resources in use.
   *
   * @param vms how many VMs
   * @param vcpus their vCPUs
   * @param memoryMib their memory
   * @param diskGib their disks
   * @param snapshotBytes what their snapshots hold
   */
  record Usage(long vms, long vcpus, long memoryMib, long diskGib, long snapshotBytes) {}
}

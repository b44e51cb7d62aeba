package org.vmportal.domain.model.host;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where hosts are kept. */
public interface HostRepository {

  /**
   * Every host, by name.
   *
   * @return the hosts
   */
  List<Host> findAll();

  /**
   * One host.
   *
   * @param id the host
   * @return the host
   */
  Optional<Host> find(long id);

  /**
   * One host, its row locked until the transaction ends: a spare being placed there meanwhile
   * waits, then finds it gone.
   *
   * @param id the host
   * @return the host
   */
  Optional<Host> lock(long id);

  /**
   * What each host's VMs hold now.
   *
   * @return per host id
   */
  Map<Long, Load> loads();

  /**
   * Points the {@link Host#LOCAL} host at the URI the portal is configured with.
   *
   * @param uri the local libvirt URI
   */
  void pointLocalHostAt(String uri);

  /**
   * Adds a host.
   *
   * @param host the new host
   * @return it, with its id
   */
  Host add(Host host);

  /**
   * Removes a host that no VM is placed on, with its samples.
   *
   * @param hostId the host
   */
  void remove(long hostId);

  /**
   * Stores a changed host.
   *
   * @param host the host
   * @return the stored host
   */
  Host store(Host host);

  /**
   * A host's load.
   *
   * @param vms VMs placed on it, whatever their state
   * @param poweredOn those powered on (or about to be)
   * @param vcpus their vCPUs
   * @param memoryMib their memory
   */
  record Load(long vms, long poweredOn, long vcpus, long memoryMib) {}
}

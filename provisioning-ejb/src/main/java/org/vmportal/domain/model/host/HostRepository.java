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
   * What each host's VMs hold now.
   *
   * @return per host id
   */
  Map<Long, Load> loads();

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

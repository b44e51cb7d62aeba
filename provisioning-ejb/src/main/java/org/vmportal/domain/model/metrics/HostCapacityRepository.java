package org.vmportal.domain.model.metrics;

import java.util.List;
import java.util.Optional;

/** The hosts VMs run on, with what they offer and what their VMs take of it. */
public interface HostCapacityRepository {

  /**
   * Every host, by name.
   *
   * @return the hosts
   */
  List<HostCapacity> findAll();

  /**
   * The host reached through a libvirt URI.
   *
   * @param uri the URI
   * @return its id, or empty
   */
  Optional<Long> findIdByUri(String uri);

  /**
   * A host's capacity and what its VMs hold: every VM that is not stopped holds its vCPUs and
   * memory.
   *
   * @param id the host's id
   * @param name its name
   * @param uri its libvirt URI
   * @param drained whether new VMs are kept off it
   * @param maxVcpus vCPUs offered to VMs
   * @param maxMemoryMib memory offered to VMs
   * @param vms VMs placed on it
   * @param activeVms of those, VMs running or paused
   * @param activeVcpus vCPUs of the active VMs
   * @param activeMemoryMib memory of the active VMs
   */
  record HostCapacity(
      long id,
      String name,
      String uri,
      boolean drained,
      int maxVcpus,
      long maxMemoryMib,
      long vms,
      long activeVms,
      long activeVcpus,
      long activeMemoryMib) {}
}

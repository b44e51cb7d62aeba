package org.vmportal.domain.model.tenant;

/**
 * What a tenant's or a member's VMs hold: every VM counts against quotas (a stopped VM keeps its
 * disk and may start at any time); {@code poweredOn} says how many run now.
 *
 * @param vms how many VMs
 * @param poweredOn how many of them hold CPU and memory now (running, paused, starting, stopping)
 * @param vcpus their vCPUs
 * @param memoryMib their memory, MiB
 * @param diskGib their disks, GiB
 */
public record ResourceUsage(long vms, long poweredOn, long vcpus, long memoryMib, long diskGib) {

  /** Nothing in use. */
  public static final ResourceUsage NONE = new ResourceUsage(0, 0, 0, 0, 0);
}

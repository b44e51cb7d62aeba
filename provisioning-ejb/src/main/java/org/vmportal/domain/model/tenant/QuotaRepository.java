package org.vmportal.domain.model.tenant;

/**
 * Quota limits and what is used against them, for a tenant or one member, read in one place for the
 * quota bars (the atomic check at create time stays with the VM ledger).
 */
public interface QuotaRepository {

  /**
   * A tenant's limits and what all its VMs use.
   *
   * @param tenantId the tenant
   * @return the figures
   */
  Figures tenant(long tenantId);

  /**
   * A member's own limits (each {@code null} when only the tenant's applies) and what their VMs
   * use.
   *
   * @param userId the member
   * @return the figures
   */
  Figures member(long userId);

  /**
   * Limits and use.
   *
   * @param maxVms VMs allowed, or {@code null} for no limit of its own
   * @param maxVcpus vCPUs allowed
   * @param maxMemoryMib memory allowed
   * @param maxDiskGib disk allowed
   * @param maxSnapshotGib snapshot storage allowed
   * @param vms VMs held
   * @param vcpus their vCPUs
   * @param memoryMib their memory
   * @param diskGib their disks
   * @param snapshotBytes their snapshots' storage
   */
  record Figures(
      Long maxVms,
      Long maxVcpus,
      Long maxMemoryMib,
      Long maxDiskGib,
      Long maxSnapshotGib,
      long vms,
      long vcpus,
      long memoryMib,
      long diskGib,
      long snapshotBytes) {}
}

package org.vmportal.domain.model.tenant;

/**
 * Resource limits. A tenant's are all set; a member's may leave any of them {@code null}, and then
 * only the tenant's limit applies to them.
 *
 * @param maxVms how many VMs
 * @param maxVcpus their vCPUs together
 * @param maxMemoryMib their memory together, MiB
 * @param maxDiskGib their disks (and personal ISOs) together, GiB
 * @param maxSnapshotGib their snapshots together, GiB
 */
public record Quota(
    Integer maxVms, Integer maxVcpus, Long maxMemoryMib, Long maxDiskGib, Long maxSnapshotGib) {

  /** The largest value any limit accepts: far above what one host offers, far below overflow. */
  public static final long CEILING = 1_000_000;

  /**
   * Rejects a negative or absurd limit.
   *
   * @throws IllegalArgumentException naming the limit
   */
  public Quota {
    check("VMs", maxVms);
    check("vCPUs", maxVcpus);
    check("memory (MiB)", maxMemoryMib);
    check("disk (GiB)", maxDiskGib);
    check("snapshots (GiB)", maxSnapshotGib);
  }

  /** Whether every limit is set, as a tenant's must be. */
  public boolean hasEveryLimit() {
    return maxVms != null
        && maxVcpus != null
        && maxMemoryMib != null
        && maxDiskGib != null
        && maxSnapshotGib != null;
  }

  private static void check(String what, Number limit) {
    if (limit != null && (limit.longValue() < 0 || limit.longValue() > CEILING)) {
      throw new IllegalArgumentException(
          "The limit for " + what + " must be between 0 and " + CEILING + ".");
    }
  }
}

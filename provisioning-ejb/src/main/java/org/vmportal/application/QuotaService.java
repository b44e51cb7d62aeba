package org.vmportal.application;

import java.util.List;

/** What a guest's VMs use of the tenant's and their own quotas, for the dashboard's bars. */
public interface QuotaService {

  /**
   * The actor's quota lines: the tenant's limits always, the actor's own where set.
   *
   * @param actor a tenant member
   * @return the report; empty for someone outside any tenant
   */
  QuotaReport report(Actor actor);

  /**
   * One bar.
   *
   * @param scope {@code Tenant} or {@code You}
   * @param resource {@code VMs}, {@code vCPUs}, {@code Memory}, {@code Disk} or {@code Snapshots}
   * @param used what is used, in {@code unit}
   * @param limit the limit, in {@code unit}
   * @param unit {@code ""} (a count), {@code MiB}, {@code GiB} or {@code bytes}
   */
  record QuotaLine(String scope, String resource, long used, long limit, String unit) {

    /** The share used, 0 to 100 (more when over a lowered limit). */
    public int percent() {
      return limit <= 0 ? 100 : (int) Math.min(999, used * 100 / limit);
    }

    /** At 80 % or more: the bar warns. */
    public boolean nearLimit() {
      return percent() >= 80;
    }
  }

  /**
   * The bars and the room left for one more VM.
   *
   * @param lines the bars
   * @param freeVms VMs that may still be created
   * @param freeVcpus vCPUs left
   * @param freeMemoryMib memory left
   */
  record QuotaReport(List<QuotaLine> lines, long freeVms, long freeVcpus, long freeMemoryMib) {

    /** Whether a VM of this size fits. */
    public boolean fits(int vcpus, int memoryMib) {
      return freeVms >= 1 && freeVcpus >= vcpus && freeMemoryMib >= memoryMib;
    }
  }
}

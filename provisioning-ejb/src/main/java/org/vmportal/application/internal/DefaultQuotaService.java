package org.vmportal.application.internal;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.vmportal.application.Actor;
import org.vmportal.application.QuotaService;
import org.vmportal.domain.model.tenant.QuotaRepository;
import org.vmportal.domain.model.tenant.QuotaRepository.Figures;

/** Reads quota figures and turns them into bars. */
@Stateless
public class DefaultQuotaService implements QuotaService {

  private static final long GIB = 1L << 30;

  @Inject private QuotaRepository quotas;

  @Override
  public QuotaReport report(Actor actor) {
    if (actor.tenantId() == null || actor.userId() == null) {
      return new QuotaReport(List.of(), 0, 0, 0);
    }
    Figures tenant = quotas.tenant(actor.tenantId());
    Figures member = quotas.member(actor.userId());
    List<QuotaLine> lines = new ArrayList<>();
    addLines(lines, "Tenant", tenant);
    addLines(lines, "You", member);
    return new QuotaReport(
        lines,
        Math.min(room(tenant.maxVms(), tenant.vms()), room(member.maxVms(), member.vms())),
        Math.min(room(tenant.maxVcpus(), tenant.vcpus()), room(member.maxVcpus(), member.vcpus())),
        Math.min(
            room(tenant.maxMemoryMib(), tenant.memoryMib()),
            room(member.maxMemoryMib(), member.memoryMib())));
  }

  private static void addLines(List<QuotaLine> lines, String scope, Figures f) {
    line(lines, scope, "VMs", f.vms(), f.maxVms(), "");
    line(lines, scope, "vCPUs", f.vcpus(), f.maxVcpus(), "");
    line(lines, scope, "Memory", f.memoryMib(), f.maxMemoryMib(), "MiB");
    line(lines, scope, "Disk", f.diskGib(), f.maxDiskGib(), "GiB");
    line(
        lines,
        scope,
        "Snapshots",
        f.snapshotBytes(),
        f.maxSnapshotGib() == null ? null : f.maxSnapshotGib() * GIB,
        "bytes");
  }

  /** A bar only where a limit applies: a member without limits of their own has no bars. */
  private static void line(
      List<QuotaLine> lines, String scope, String resource, long used, Long limit, String unit) {
    if (limit != null) {
      lines.add(new QuotaLine(scope, resource, used, limit, unit));
    }
  }

  private static long room(Long limit, long used) {
    return limit == null ? Long.MAX_VALUE : Math.max(0, limit - used);
  }
}

package org.vmportal.application.internal;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.vmportal.application.Actor;
import org.vmportal.application.HostService;
import org.vmportal.application.PortalException;
import org.vmportal.application.PortalException.Kind;
import org.vmportal.domain.model.audit.AuditTarget;
import org.vmportal.domain.model.host.Host;
import org.vmportal.domain.model.host.HostRepository;
import org.vmportal.domain.model.host.HostRepository.Load;

/** Hosts from the database; placement itself is {@link VmLedger#placementHost}. */
@Stateless
public class DefaultHostService implements HostService {

  private static final Load IDLE = new Load(0, 0, 0, 0);

  @Inject private HostRepository hosts;
  @Inject private AuditLog audit;

  @Override
  public List<HostView> list(Actor actor) {
    requirePlatformAdmin(actor, "HOSTS_LISTED", null);
    Map<Long, Load> loads = hosts.loads();
    return hosts.findAll().stream().map(h -> view(h, loads.getOrDefault(h.getId(), IDLE))).toList();
  }

  @Override
  public HostView setDrained(Actor actor, long hostId, boolean drained) {
    String action = drained ? "HOST_DRAINED" : "HOST_UNDRAINED";
    AuditTarget target = new AuditTarget("host", Long.toString(hostId));
    requirePlatformAdmin(actor, action, target);
    Host host =
        hosts
            .find(hostId)
            .orElseThrow(
                () -> {
                  audit.refused(actor, action, target, "no such host");
                  return new PortalException(Kind.NOT_FOUND, "There is no such host.");
                });
    host.setDrained(drained);
    Host stored = hosts.store(host);
    audit.success(actor, action, target, host.getName() + " (" + host.getUri() + ")");
    return view(stored, hosts.loads().getOrDefault(hostId, IDLE));
  }

  private void requirePlatformAdmin(Actor actor, String action, AuditTarget target) {
    if (!actor.isPlatformAdmin()) {
      audit.refused(actor, action, target, "not a platform admin");
      throw new PortalException(Kind.FORBIDDEN, "Only platform admins manage hosts.");
    }
  }

  private static HostView view(Host h, Load load) {
    return new HostView(
        h.getId(),
        h.getName(),
        h.getUri(),
        h.getMaxVcpus(),
        h.getMaxMemoryMib(),
        load.vms(),
        load.poweredOn(),
        load.vcpus(),
        load.memoryMib(),
        h.isDrained());
  }
}

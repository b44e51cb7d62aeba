package org.vmportal.application.internal;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.vmportal.application.Actor;
import org.vmportal.application.HostService;
import org.vmportal.application.PortalException;
import org.vmportal.application.PortalException.Kind;
import org.vmportal.domain.model.audit.AuditTarget;
import org.vmportal.domain.model.host.Host;
import org.vmportal.domain.model.host.HostRepository;
import org.vmportal.domain.model.host.HostRepository.Load;
import org.vmportal.domain.service.HypervisorException;
import org.vmportal.domain.service.Hypervisors;

/** Hosts from the database; placement itself is {@link VmLedger#placementHost}. */
@Stateless
public class DefaultHostService implements HostService {

  private static final Load IDLE = new Load(0, 0, 0, 0);
  private static final int MAX_VCPUS = 4096;
  private static final long MIN_MEMORY_MIB = 128;
  private static final long MAX_MEMORY_MIB = 16L << 20;

  /** The transports libvirt's QEMU and test drivers are reached over; no spaces. */
  private static final Pattern LIBVIRT_URI =
      Pattern.compile("(qemu(\\+(ssh|tcp|tls|unix|libssh2?))?|test)://\\S{0,230}");

  private static final Pattern CONSOLE_ADDRESS = Pattern.compile("[A-Za-z0-9.:-]{1,255}");

  @Inject private HostRepository hosts;
  @Inject private AuditLog audit;
  @Inject private Hypervisors hypervisors;
  @Inject private SpareKeeper spares;

  @Override
  public List<HostView> list(Actor actor) {
    requirePlatformAdmin(actor, "HOSTS_LISTED", null);
    Map<Long, Load> loads = hosts.loads();
    Set<Long> unreachable = hypervisors.unreachable();
    return hosts.findAll().stream()
        .map(h -> view(h, loads.getOrDefault(h.getId(), IDLE), unreachable))
        .toList();
  }

  @Override
  public HostView add(Actor actor, NewHost entered) {
    requirePlatformAdmin(actor, "HOST_ADDED", null);
    try {
      Host host = checked(entered);
      for (Host existing : hosts.findAll()) {
        if (existing.getName().equals(host.getName()) || existing.getUri().equals(host.getUri())) {
          throw new PortalException(
              Kind.CONFLICT,
              "\u201c" + existing.getName() + "\u201d already has that name or URI.");
        }
      }
      try {
        hypervisors.probe(host.getUri());
      } catch (HypervisorException e) {
        throw new PortalException(
            Kind.INVALID, "The portal could not reach " + host.getUri() + ": " + e.getMessage());
      }
      Host added = hosts.add(host);
      audit.success(
          actor,
          "HOST_ADDED",
          new AuditTarget("host", Long.toString(added.getId())),
          added.getName() + " (" + added.getUri() + ")");
      return view(added, IDLE, Set.of());
    } catch (PortalException e) {
      audit.refused(actor, "HOST_ADDED", null, e.getMessage());
      throw e;
    }
  }

  /** The host an admin entered, checked; nothing is stored yet. */
  private static Host checked(NewHost entered) {
    String name = DisplayNames.checked(entered.name(), "host");
    String uri = entered.uri() == null ? "" : entered.uri().strip();
    if (!LIBVIRT_URI.matcher(uri).matches()) {
      throw new PortalException(
          Kind.INVALID,
          "Give a libvirt URI such as qemu:///system or qemu+ssh://root@host2/system.");
    }
    if (entered.maxVcpus() < 1 || entered.maxVcpus() > MAX_VCPUS) {
      throw new PortalException(Kind.INVALID, "A host offers 1 to " + MAX_VCPUS + " vCPUs to VMs.");
    }
    if (entered.maxMemoryMib() < MIN_MEMORY_MIB || entered.maxMemoryMib() > MAX_MEMORY_MIB) {
      throw new PortalException(
          Kind.INVALID,
          "A host offers " + MIN_MEMORY_MIB + " to " + MAX_MEMORY_MIB + " MiB of memory to VMs.");
    }
    String console =
        entered.consoleAddress() == null || entered.consoleAddress().isBlank()
            ? "127.0.0.1"
            : entered.consoleAddress().strip();
    if (!CONSOLE_ADDRESS.matcher(console).matches()) {
      throw new PortalException(
          Kind.INVALID, "The console address is a host name or an IP address guacd can reach.");
    }
    return new Host(name, uri, entered.maxVcpus(), entered.maxMemoryMib(), console);
  }

  @Override
  public void remove(Actor actor, long hostId) {
    AuditTarget target = new AuditTarget("host", Long.toString(hostId));
    requirePlatformAdmin(actor, "HOST_REMOVED", target);
    try {
      Host host =
          hosts
              .lock(hostId)
              .orElseThrow(() -> new PortalException(Kind.NOT_FOUND, "There is no such host."));
      if (Host.LOCAL.equals(host.getName())) {
        throw new PortalException(
            Kind.CONFLICT, "The local host is the one the portal runs beside; it stays.");
      }
      long placed = hosts.loads().getOrDefault(hostId, IDLE).vms();
      if (placed > 0) {
        throw new PortalException(
            Kind.CONFLICT,
            placed + " VMs are placed on \u201c" + host.getName() + "\u201d; wipe them first.");
      }
      spares.discardOnHost(hostId);
      hosts.remove(hostId);
      audit.success(actor, "HOST_REMOVED", target, host.getName() + " (" + host.getUri() + ")");
    } catch (PortalException e) {
      audit.refused(actor, "HOST_REMOVED", target, e.getMessage());
      throw e;
    }
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
    return view(stored, hosts.loads().getOrDefault(hostId, IDLE), hypervisors.unreachable());
  }

  private void requirePlatformAdmin(Actor actor, String action, AuditTarget target) {
    if (!actor.isPlatformAdmin()) {
      audit.refused(actor, action, target, "not a platform admin");
      throw new PortalException(Kind.FORBIDDEN, "Only platform admins manage hosts.");
    }
  }

  private static HostView view(Host h, Load load, Set<Long> unreachable) {
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
        h.isDrained(),
        !unreachable.contains(h.getId()));
  }
}

package org.vmportal.application.internal;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.vmportal.application.Actor;
import org.vmportal.application.ReconciliationService;
import org.vmportal.domain.model.audit.AuditTarget;
import org.vmportal.domain.model.vm.VirtualMachine;
import org.vmportal.domain.model.vm.VmRepository;
import org.vmportal.domain.model.vm.VmState;
import org.vmportal.domain.service.DomainLifecycleEvent;
import org.vmportal.domain.service.DomainState;
import org.vmportal.domain.service.Hypervisor;
import org.vmportal.domain.service.HypervisorException;
import org.vmportal.domain.service.Hypervisors;

/**
 * Compares VM rows with libvirt. Only VMs in a steady powered-on state are judged, and only while
 * no operation holds them ({@link VmLocks#tryWith}): a stop or hibernation in flight is never
 * mistaken for a crash.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DefaultReconciliationService implements ReconciliationService {

  private static final Logger LOG = Logger.getLogger(DefaultReconciliationService.class.getName());

  @Inject private VmRepository vms;
  @Inject private VmLedger ledger;
  @Inject private VmLocks locks;
  @Inject private Hypervisors hypervisors;
  @Inject private AuditLog audit;
  @Inject private OrphanSweeper orphans;

  /** A pass this slow (or one that changed something) is logged at INFO; others at FINE. */
  @Inject
  @ConfigProperty(name = "portal.reconcile.log-slow-ms", defaultValue = "1000")
  long logSlowMillis;

  @Override
  public Report reconcile() {
    long started = System.nanoTime();
    // Rows first, then libvirt: a VM that became RUNNING after libvirt was listed would otherwise
    // look like one whose domain disappeared.
    List<VirtualMachine> poweredOn =
        Stream.concat(
                vms.findByState(VmState.RUNNING).stream(), vms.findByState(VmState.PAUSED).stream())
            .toList();
    Map<Long, HostStates> listed = new HashMap<>();
    int unreachable = listHosts(listed);
    AtomicInteger corrected = new AtomicInteger();
    for (VirtualMachine vm : poweredOn) {
      HostStates host = listed.get(vm.getHostId());
      if (host == null) {
        continue; // its host did not answer: nothing is known about its domain
      }
      DomainState actual = host.states().getOrDefault(vm.getDomainName(), DomainState.ABSENT);
      if (agrees(vm, actual) && vm.getVncPort() != null) {
        // The common case costs no lock and no query: thousands of VMs stay cheap to check.
        continue;
      }
      locks.tryWith(
          vm.getId(),
          () -> {
            if (correct(vm.getId(), actual, "found by the periodic check")) {
              corrected.incrementAndGet();
            } else if (actual == DomainState.RUNNING && vm.getVncPort() == null) {
              // Started before consoles were recorded, or the port was not known yet.
              host.hypervisor()
                  .vncPort(vm.getDomainName())
                  .ifPresent(port -> ledger.running(vm.getId(), port));
            }
          });
    }
    corrected.addAndGet(settleInterrupted(listed));
    Map<Long, Set<String>> portalDomains = new HashMap<>();
    listed.forEach((hostId, host) -> portalDomains.put(hostId, host.states().keySet()));
    int orphansRemoved = orphans.sweep(portalDomains, unreachable == 0);
    long millis = (System.nanoTime() - started) / 1_000_000;
    Report report =
        new Report(
            portalDomains.values().stream().mapToInt(Set::size).sum(),
            poweredOn.size(),
            corrected.get(),
            orphansRemoved,
            unreachable,
            millis);
    LOG.log(
        corrected.get() > 0 || orphansRemoved > 0 || unreachable > 0 || millis >= logSlowMillis
            ? Level.INFO
            : Level.FINE,
        "Reconciliation pass: {0} portal domains, {1} powered-on VMs, {2} corrected,"
            + " {3} orphans removed, {4} hosts unreachable, {5} ms",
        new Object[] {
          report.domains(),
          report.checked(),
          report.corrected(),
          report.orphansRemoved(),
          unreachable,
          millis
        });
    return report;
  }

  /** A host's hypervisor with the states of its portal domains. */
  private record HostStates(Hypervisor hypervisor, Map<String, DomainState> states) {}

  /**
   * Lists the portal domains of every host that answers into {@code listed}, and marks the others
   * unreachable.
   *
   * @return how many hosts did not answer
   */
  private int listHosts(Map<Long, HostStates> listed) {
    int unreachable = 0;
    for (Map.Entry<Long, Hypervisor> host : hypervisors.byHost().entrySet()) {
      try {
        listed.put(host.getKey(), new HostStates(host.getValue(), host.getValue().states()));
        if (hypervisors.markReachable(host.getKey(), true)) {
          LOG.log(Level.INFO, "Host {0} answers again", host.getKey());
        }
      } catch (HypervisorException e) {
        if (hypervisors.markReachable(host.getKey(), false)) {
          LOG.log(Level.WARNING, "Host " + host.getKey() + " does not answer: " + e.getMessage());
        }
        unreachable++;
      }
    }
    return unreachable;
  }

  /**
   * A VM left STARTING or STOPPING by an operation that never finished (the portal stopped in the
   * middle) takes the state libvirt reports. An operation in flight holds the VM's lock, so one
   * that is still running is never touched.
   */
  private int settleInterrupted(Map<Long, HostStates> listed) {
    AtomicInteger settled = new AtomicInteger();
    for (VmState transitional : List.of(VmState.STARTING, VmState.STOPPING)) {
      for (VirtualMachine vm : vms.findByState(transitional)) {
        HostStates host = listed.get(vm.getHostId());
        if (host == null) {
          continue;
        }
        locks.tryWith(
            vm.getId(),
            () -> {
              VirtualMachine now = vms.find(vm.getId()).orElse(null);
              if (now == null || now.getState() != transitional) {
                return;
              }
              DomainState actual =
                  host.states().getOrDefault(vm.getDomainName(), DomainState.ABSENT);
              VmState next =
                  switch (actual) {
                    case RUNNING -> VmState.RUNNING;
                    case PAUSED -> VmState.PAUSED;
                    case SHUTOFF ->
                        host.hypervisor().hasSavedState(vm.getDomainName())
                            ? VmState.HIBERNATED
                            : VmState.STOPPED;
                    default -> VmState.ERROR;
                  };
              String why =
                  next == VmState.ERROR
                      ? "The VM was left " + transitional + " and its domain is " + actual + "."
                      : null;
              ledger.moveTo(vm.getId(), next, why);
              audit.success(
                  Actor.system(),
                  "VM_STATE_RECONCILED",
                  new AuditTarget("vm", Long.toString(vm.getId())),
                  vm.getName()
                      + ": "
                      + transitional
                      + " -> "
                      + next
                      + ", an interrupted operation");
              settled.incrementAndGet();
            });
      }
    }
    return settled.get();
  }

  private static boolean agrees(VirtualMachine vm, DomainState actual) {
    return (vm.getState() == VmState.RUNNING && actual == DomainState.RUNNING)
        || (vm.getState() == VmState.PAUSED && actual == DomainState.PAUSED);
  }

  @Override
  public void domainChanged(long hostId, DomainLifecycleEvent event) {
    if (event.state() != DomainState.SHUTOFF && event.state() != DomainState.CRASHED) {
      return;
    }
    vms.findByDomainName(event.domainName())
        .filter(vm -> vm.getHostId() == hostId)
        .ifPresent(
            vm ->
                locks.tryWith(
                    vm.getId(), () -> correct(vm.getId(), event.state(), event.reason())));
  }

  /** Brings one VM's row in line with its domain; true when the row changed. */
  private boolean correct(long vmId, DomainState actual, String reason) {
    VirtualMachine vm = vms.find(vmId).orElse(null);
    if (vm == null || (vm.getState() != VmState.RUNNING && vm.getState() != VmState.PAUSED)) {
      return false; // an operation finished meanwhile, or the VM was wiped
    }
    VmState next;
    String why = null;
    switch (actual) {
      case RUNNING -> next = VmState.RUNNING;
      case PAUSED -> next = VmState.PAUSED;
      case SHUTOFF, CRASHED -> {
        next = VmState.ERROR;
        why = "The VM stopped unexpectedly (" + reason + ").";
      }
      case ABSENT -> {
        if (hypervisors.of(vm.getHostId()).state(vm.getDomainName()) != DomainState.ABSENT) {
          return false; // defined since the listing: the next pass judges it
        }
        next = VmState.ERROR;
        why = "The VM's domain disappeared from the hypervisor.";
      }
      default -> {
        return false;
      }
    }
    if (next == vm.getState()) {
      return false;
    }
    ledger.moveTo(vmId, next, why);
    audit.success(
        Actor.system(),
        "VM_STATE_RECONCILED",
        new AuditTarget("vm", Long.toString(vmId)),
        vm.getName() + ": " + vm.getState() + " -> " + next + (why == null ? "" : ", " + why));
    LOG.log(
        Level.WARNING,
        "{0} ({1}) is now {2}: {3}",
        new Object[] {vm.getName(), vm.getDomainName(), next, why});
    return true;
  }
}

package org.vmportal.application.internal;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.vmportal.application.Actor;
import org.vmportal.application.PortalException;
import org.vmportal.application.PortalException.Kind;
import org.vmportal.application.SnapshotService;
import org.vmportal.application.VmService;
import org.vmportal.application.VmService.VmView;
import org.vmportal.domain.model.audit.AuditTarget;
import org.vmportal.domain.model.vm.Snapshot;
import org.vmportal.domain.model.vm.SnapshotKind;
import org.vmportal.domain.model.vm.SnapshotRepository;
import org.vmportal.domain.model.vm.VirtualMachine;
import org.vmportal.domain.model.vm.VmState;
import org.vmportal.domain.service.DomainState;
import org.vmportal.domain.service.Hypervisor;
import org.vmportal.domain.service.Hypervisors;
import org.vmportal.domain.service.StoragePool;
import org.vmportal.domain.service.VolumeStore;

/**
 * Snapshots as internal qcow2 snapshots in the VM's overlay, taken and reverted through libvirt.
 * Like {@link DefaultVmService}, it runs outside transactions and under the VM's lock.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DefaultSnapshotService implements SnapshotService {

  private static final Logger LOG = Logger.getLogger(DefaultSnapshotService.class.getName());
  private static final long MIB = 1L << 20;

  /** What a disk snapshot is counted as until measured: its tables, at the least. */
  private static final long DISK_SNAPSHOT_ESTIMATE = MIB;

  @Inject private VmOperations operations;
  @Inject private VmLedger ledger;
  @Inject private VmProvisioner provisioner;
  @Inject private SnapshotRepository snapshots;
  @Inject private VolumeStore volumes;
  @Inject private Hypervisors hypervisors;
  @Inject private VmService vms;
  @Inject private AuditLog audit;

  @Override
  public List<SnapshotView> list(Actor actor, long vmId) {
    try {
      VirtualMachine vm = ledger.owned(actor, vmId);
      return snapshots.findByVm(vm.getId()).stream().map(DefaultSnapshotService::view).toList();
    } catch (PortalException e) {
      audit.refused(
          actor, "SNAPSHOTS_LISTED", new AuditTarget("vm", Long.toString(vmId)), e.getMessage());
      throw e;
    }
  }

  @Override
  public SnapshotView create(Actor actor, long vmId, CreateSnapshotRequest request) {
    String name;
    try {
      name = DisplayNames.checked(request == null ? null : request.name(), "snapshot");
    } catch (PortalException e) {
      audit.refused(
          actor, "SNAPSHOT_CREATED", new AuditTarget("vm", Long.toString(vmId)), e.getMessage());
      throw e;
    }
    return operations.run(
        actor,
        vmId,
        "SNAPSHOT_CREATED",
        vm -> {
          SnapshotKind kind = kind(request.kind(), vm);
          Hypervisor hypervisor = hypervisors.of(vm.getHostId());
          if (hypervisor.state(vm.getDomainName()) == DomainState.ABSENT) {
            throw new PortalException(
                Kind.CONFLICT, "Start \u201c" + vm.getName() + "\u201d once, then take snapshots.");
          }
          long estimate =
              kind == SnapshotKind.DISK_AND_MEMORY
                  ? vm.getMemoryMib() * MIB
                  : DISK_SNAPSHOT_ESTIMATE;
          Snapshot snapshot = ledger.admitSnapshot(vm, name, kind, estimate, actor.userId());
          long before = provisioner.overlay(vm).allocationBytes();
          try {
            hypervisor.createSnapshot(vm.getDomainName(), snapshot.getLibvirtName());
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Snapshot of " + vm.getDomainName() + " failed", e);
            ledger.removeSnapshot(snapshot.getId());
            throw new PortalException(
                Kind.FAILED, "The snapshot could not be taken; nothing was kept.", e);
          }
          long grown = provisioner.overlay(vm).allocationBytes() - before;
          return view(ledger.measured(snapshot.getId(), Math.max(grown, 0)));
        });
  }

  /** The kind asked for, if the VM's state allows it; without one, what the state allows. */
  private static SnapshotKind kind(String requested, VirtualMachine vm) {
    boolean live = vm.getState() == VmState.RUNNING || vm.getState() == VmState.PAUSED;
    boolean stopped = vm.getState() == VmState.STOPPED;
    if (requested == null || requested.isBlank()) {
      if (!live && !stopped) {
        throw VmOperations.notNow(vm, "snapshots wait until it is running or stopped.");
      }
      return live ? SnapshotKind.DISK_AND_MEMORY : SnapshotKind.DISK;
    }
    switch (requested.strip().toLowerCase(Locale.ROOT)) {
      case "disk" -> {
        if (!stopped) {
          throw new PortalException(
              Kind.CONFLICT,
              "A disk-only snapshot needs \u201c"
                  + vm.getName()
                  + "\u201d stopped; while it runs, take one with its memory.");
        }
        return SnapshotKind.DISK;
      }
      case "disk-and-memory" -> {
        if (!live) {
          throw new PortalException(
              Kind.CONFLICT,
              "A snapshot with memory needs \u201c" + vm.getName() + "\u201d running or paused.");
        }
        return SnapshotKind.DISK_AND_MEMORY;
      }
      default ->
          throw new PortalException(
              Kind.INVALID,
              "A snapshot's kind is \u201cdisk\u201d or \u201cdisk-and-memory\u201d.");
    }
  }

  @Override
  public VmView revert(Actor actor, long vmId, long snapshotId) {
    long id =
        operations.run(
            actor,
            vmId,
            "SNAPSHOT_REVERTED",
            vm -> {
              Snapshot snapshot = snapshotOf(vm, snapshotId);
              if (vm.getState() != VmState.STOPPED
                  && vm.getState() != VmState.RUNNING
                  && vm.getState() != VmState.PAUSED
                  && vm.getState() != VmState.ERROR) {
                throw VmOperations.notNow(vm, "snapshots wait until it is running or stopped.");
              }
              String domain = vm.getDomainName();
              Hypervisor hypervisor = hypervisors.of(vm.getHostId());
              try {
                if (snapshot.getKind() == SnapshotKind.DISK) {
                  // Back to a powered-off disk: the running guest goes first.
                  hypervisor.destroy(domain);
                }
                hypervisor.revertToSnapshot(domain, snapshot.getLibvirtName());
              } catch (RuntimeException e) {
                ledger.moveTo(vm.getId(), VmState.ERROR, "Could not revert: " + e.getMessage());
                throw new PortalException(Kind.FAILED, "The VM could not be reverted.", e);
              }
              switch (hypervisor.state(domain)) {
                case RUNNING -> provisioner.running(vm);
                case PAUSED -> ledger.moveTo(vm.getId(), VmState.PAUSED, null);
                default -> ledger.moveTo(vm.getId(), VmState.STOPPED, null);
              }
              return vm.getId();
            });
    return vms.get(actor, id);
  }

  @Override
  public VmView bootNewVm(Actor actor, long vmId, long snapshotId, String name) {
    long newVmId =
        operations.run(
            actor,
            vmId,
            "SNAPSHOT_BOOTED",
            source -> {
              Snapshot snapshot = snapshotOf(source, snapshotId);
              VmProvisioner.Admitted admitted =
                  provisioner.admit(
                      actor,
                      name,
                      source.getBaseImageId(),
                      source.getVcpus(),
                      source.getMemoryMib(),
                      false);
              VirtualMachine created =
                  provisioner.provision(
                      admitted,
                      row ->
                          volumes.createOverlayFromSnapshot(
                              StoragePool.OVERLAYS,
                              row.getOverlayVolume(),
                              provisioner.overlay(source),
                              snapshot.getLibvirtName(),
                              admitted.base()));
              audit.success(
                  actor,
                  "VM_CREATED",
                  new AuditTarget("vm", created.getId().toString()),
                  VmProvisioner.describe(created)
                      + " from snapshot \u201c"
                      + snapshot.getName()
                      + "\u201d of VM "
                      + source.getId());
              return created.getId();
            });
    return vms.get(actor, newVmId);
  }

  @Override
  public void delete(Actor actor, long vmId, long snapshotId) {
    operations.run(
        actor,
        vmId,
        "SNAPSHOT_DELETED",
        vm -> {
          Snapshot snapshot = snapshotOf(vm, snapshotId);
          if (vm.getState().isTransitional()) {
            throw VmOperations.notNow(vm, "snapshots wait until it is running or stopped.");
          }
          try {
            hypervisors
                .of(vm.getHostId())
                .deleteSnapshot(vm.getDomainName(), snapshot.getLibvirtName());
          } catch (RuntimeException e) {
            throw new PortalException(Kind.FAILED, "The snapshot could not be deleted.", e);
          }
          ledger.removeSnapshot(snapshot.getId());
          return null;
        });
  }

  private Snapshot snapshotOf(VirtualMachine vm, long snapshotId) {
    return snapshots
        .find(vm.getId(), snapshotId)
        .orElseThrow(() -> new PortalException(Kind.NOT_FOUND, "There is no such snapshot."));
  }

  private static SnapshotView view(Snapshot s) {
    return new SnapshotView(
        s.getId(),
        s.getVmId(),
        s.getName(),
        s.getKind().name(),
        s.getSizeBytes(),
        s.getCreatedAt());
  }
}

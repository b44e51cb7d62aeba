package org.vmportal.application.internal;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.vmportal.application.Actor;
import org.vmportal.application.PortalException;
import org.vmportal.application.PortalException.Kind;
import org.vmportal.application.VmService;
import org.vmportal.domain.model.audit.AuditTarget;
import org.vmportal.domain.model.image.BaseImage;
import org.vmportal.domain.model.image.BaseImageRepository;
import org.vmportal.domain.model.tenant.PortalUserRepository;
import org.vmportal.domain.model.vm.VirtualMachine;
import org.vmportal.domain.model.vm.VmRepository;
import org.vmportal.domain.model.vm.VmState;
import org.vmportal.domain.service.DomainState;
import org.vmportal.domain.service.Hypervisor;
import org.vmportal.domain.service.Hypervisors;
import org.vmportal.domain.service.StoragePool;
import org.vmportal.domain.service.VolumeInfo;
import org.vmportal.domain.service.VolumeStore;

/**
 * Drives VMs through libvirt. Runs outside transactions: each database step is a short transaction
 * of {@link VmLedger}, so slow libvirt calls hold no database locks. A create that fails after its
 * row was written removes the domain, the overlay and the row again.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DefaultVmService implements VmService {

  private static final long STOP_POLL_MILLIS = 500;

  @Inject private VmLedger ledger;
  @Inject private VmProvisioner provisioner;
  @Inject private VmOperations operations;
  @Inject private VmRepository vms;
  @Inject private BaseImageRepository baseImages;
  @Inject private PortalUserRepository users;
  @Inject private VolumeStore volumes;
  @Inject private Hypervisors hypervisors;
  @Inject private AuditLog audit;
  @Inject private SpareKeeper spares;

  @Inject
  @ConfigProperty(name = "portal.vm.stop-timeout-seconds", defaultValue = "30")
  long stopTimeoutSeconds;

  /** How much of a log's end a page gets; libvirt's log daemon caps the files themselves. */
  @Inject
  @ConfigProperty(name = "portal.vm.log-view-kib", defaultValue = "64")
  int logViewKib;

  @Override
  public List<CatalogEntry> catalog(Actor actor) {
    return baseImages.findAll().stream()
        .filter(BaseImage::isSealed)
        .map(b -> new CatalogEntry(b.getId(), b.getName(), b.getOsName(), b.getOsVersion()))
        .toList();
  }

  @Override
  public VmView create(Actor actor, CreateVmRequest request) {
    VmProvisioner.Admitted admitted;
    try {
      admitted =
          provisioner.admit(
              actor,
              request.name(),
              request.baseImageId(),
              request.vcpus(),
              request.memoryMib(),
              true);
    } catch (PortalException e) {
      audit.refused(actor, "VM_CREATED", null, e.getMessage());
      throw e;
    }
    VirtualMachine vm = admitted.vm();
    try {
      VirtualMachine running =
          provisioner.provision(
              admitted,
              row ->
                  volumes.createOverlay(
                      StoragePool.OVERLAYS, row.getOverlayVolume(), admitted.base()));
      audit.success(actor, "VM_CREATED", target(vm), VmProvisioner.describe(running));
      if (admitted.tookSpare()) {
        spares.refillSoon();
      }
      return view(running);
    } catch (PortalException e) {
      audit.failed(
          actor,
          "VM_CREATED",
          target(vm),
          "could not start: "
              + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
      throw e;
    }
  }

  @Override
  public List<VmView> listOwn(Actor actor) {
    if (actor.userId() == null) {
      return List.of();
    }
    return views(vms.findByOwner(actor.userId()));
  }

  @Override
  public VmView get(Actor actor, long vmId) {
    try {
      return view(ledger.owned(actor, vmId));
    } catch (PortalException e) {
      // A read of another's VM is a probe like any other: it goes to the audit trail.
      audit.refused(actor, "VM_VIEWED", new AuditTarget("vm", Long.toString(vmId)), e.getMessage());
      throw e;
    }
  }

  @Override
  public VmView start(Actor actor, long vmId) {
    return act(
        actor,
        vmId,
        "VM_STARTED",
        vm -> {
          if (!vm.isStartable()) {
            throw VmOperations.notNow(vm, "");
          }
          VolumeInfo overlay = provisioner.overlay(vm);
          Hypervisor hypervisor = hypervisors.of(vm.getHostId());
          ledger.moveTo(vm.getId(), VmState.STARTING, null);
          try {
            // A defined domain starts as it is (from its saved memory when hibernated); one that
            // libvirt lost is defined again from the row. Unless it resumes saved memory, which
            // holds the old port, a serial port something else took meanwhile is exchanged.
            boolean absent = hypervisor.state(vm.getDomainName()) == DomainState.ABSENT;
            VirtualMachine ready =
                absent || vm.getState() != VmState.HIBERNATED
                    ? ledger.withFreeSerialPort(vm.getId())
                    : vm;
            if (absent) {
              hypervisor.defineAndStart(
                  provisioner.spec(ready, overlay, provisioner.baseVolume(ready)));
            } else {
              if (!Objects.equals(ready.getSerialPort(), vm.getSerialPort())) {
                hypervisor.moveSerialPort(ready.getDomainName(), ready.getSerialPort());
              }
              hypervisor.start(vm.getDomainName());
            }
          } catch (RuntimeException e) {
            ledger.moveTo(vm.getId(), VmState.ERROR, "Could not start: " + e.getMessage());
            throw new PortalException(Kind.FAILED, "The VM could not be started.", e);
          }
          return provisioner.running(vm);
        });
  }

  @Override
  public VmView stop(Actor actor, long vmId) {
    return act(
        actor,
        vmId,
        "VM_STOPPED",
        vm -> {
          requireState(vm, VmState.RUNNING, VmState.PAUSED);
          Hypervisor hypervisor = hypervisors.of(vm.getHostId());
          ledger.moveTo(vm.getId(), VmState.STOPPING, null);
          hypervisor.shutdown(vm.getDomainName());
          long deadline = System.nanoTime() + stopTimeoutSeconds * 1_000_000_000L;
          while (System.nanoTime() < deadline
              && hypervisor.state(vm.getDomainName()) != DomainState.SHUTOFF) {
            sleep(STOP_POLL_MILLIS);
          }
          if (hypervisor.state(vm.getDomainName()) != DomainState.SHUTOFF) {
            // The guest ignored the ACPI request: force it, as the stop promises.
            hypervisor.destroy(vm.getDomainName());
          }
          return ledger.moveTo(vm.getId(), VmState.STOPPED, null);
        });
  }

  @Override
  public VmView pause(Actor actor, long vmId) {
    return act(
        actor,
        vmId,
        "VM_PAUSED",
        vm -> {
          requireState(vm, VmState.RUNNING);
          hypervisors.of(vm.getHostId()).pause(vm.getDomainName());
          return ledger.moveTo(vm.getId(), VmState.PAUSED, null);
        });
  }

  @Override
  public VmView resume(Actor actor, long vmId) {
    return act(
        actor,
        vmId,
        "VM_RESUMED",
        vm -> {
          requireState(vm, VmState.PAUSED);
          hypervisors.of(vm.getHostId()).resume(vm.getDomainName());
          return ledger.moveTo(vm.getId(), VmState.RUNNING, null);
        });
  }

  @Override
  public VmView hibernate(Actor actor, long vmId) {
    return act(
        actor,
        vmId,
        "VM_HIBERNATED",
        vm -> {
          requireState(vm, VmState.RUNNING, VmState.PAUSED);
          hypervisors.of(vm.getHostId()).hibernate(vm.getDomainName());
          return ledger.moveTo(vm.getId(), VmState.HIBERNATED, null);
        });
  }

  @Override
  public VmView rename(Actor actor, long vmId, String newName) {
    String name;
    try {
      name = DisplayNames.checked(newName, "VM");
    } catch (PortalException e) {
      audit.refused(
          actor, "VM_RENAMED", new AuditTarget("vm", Long.toString(vmId)), e.getMessage());
      throw e;
    }
    return act(actor, vmId, "VM_RENAMED", vm -> ledger.rename(vm.getId(), name));
  }

  private static void requireState(VirtualMachine vm, VmState... allowed) {
    for (VmState state : allowed) {
      if (vm.getState() == state) {
        return;
      }
    }
    throw VmOperations.notNow(vm, "");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PortalException(Kind.FAILED, "The stop was interrupted.");
    }
  }

  @Override
  public VmView forceStop(Actor actor, long vmId) {
    return act(
        actor,
        vmId,
        "VM_FORCE_STOPPED",
        vm -> {
          if (!vm.isPoweredOn()) {
            throw VmOperations.notNow(vm, "");
          }
          hypervisors.of(vm.getHostId()).destroy(vm.getDomainName());
          return ledger.moveTo(vm.getId(), VmState.STOPPED, null);
        });
  }

  @Override
  public void wipe(Actor actor, long vmId) {
    act(
        actor,
        vmId,
        "VM_WIPED",
        vm -> {
          ledger.moveTo(vm.getId(), VmState.DELETING, null);
          hypervisors.of(vm.getHostId()).undefine(vm.getDomainName());
          volumes.delete(StoragePool.OVERLAYS, vm.getOverlayVolume());
          provisioner.deleteFiles(vm.getHostId(), vm.getDomainName());
          ledger.remove(vm.getId());
          return vm;
        });
  }

  @Override
  public VmLog log(Actor actor, long vmId, String source) {
    AuditTarget target = new AuditTarget("vm", Long.toString(vmId));
    try {
      VirtualMachine vm = ledger.owned(actor, vmId);
      Path file =
          switch (source == null ? "" : source) {
            case "serial" -> provisioner.serialLog(vm.getDomainName());
            case "qemu" -> hypervisors.of(vm.getHostId()).logFile(vm.getDomainName());
            default ->
                throw new PortalException(
                    Kind.INVALID, "A VM's logs are \u201cserial\u201d and \u201cqemu\u201d.");
          };
      LogTail.Tail tail = LogTail.read(file, logViewKib * 1024);
      return new VmLog(source, tail.text(), tail.sizeBytes(), tail.truncated());
    } catch (PortalException e) {
      audit.refused(actor, "VM_LOG_READ", target, e.getMessage());
      throw e;
    } catch (IOException e) {
      throw new PortalException(Kind.FAILED, "The log could not be read.", e);
    }
  }

  /**
   * Runs one operation on one VM under its lock, with ownership checked and the outcome audited.
   */
  private VmView act(
      Actor actor,
      long vmId,
      String action,
      java.util.function.Function<VirtualMachine, VirtualMachine> op) {
    return operations.run(actor, vmId, action, vm -> view(op.apply(vm)));
  }

  private VmView view(VirtualMachine vm) {
    return views(List.of(vm)).get(0);
  }

  /** VMs as pages show them; image and owner names are read once for the whole list. */
  private List<VmView> views(List<VirtualMachine> list) {
    if (list.isEmpty()) {
      return List.of();
    }
    Map<Long, String> images =
        baseImages.findAll().stream()
            .collect(Collectors.toMap(BaseImage::getId, BaseImage::getName));
    Map<Long, String> owners =
        users.usernames(list.stream().map(VirtualMachine::getOwnerId).distinct().toList());
    return list.stream()
        .map(
            vm ->
                new VmView(
                    vm.getId(),
                    vm.getName(),
                    vm.getState().name(),
                    vm.getStateReason(),
                    images.getOrDefault(vm.getBaseImageId(), "?"),
                    vm.getVcpus(),
                    vm.getMemoryMib(),
                    owners.getOrDefault(vm.getOwnerId(), "?"),
                    vm.getCreatedAt()))
        .toList();
  }

  private static AuditTarget target(VirtualMachine vm) {
    return new AuditTarget("vm", vm.getId().toString());
  }
}

package org.vmportal.application.internal;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
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
import org.vmportal.domain.service.DiskSpec;
import org.vmportal.domain.service.DomainSpec;
import org.vmportal.domain.service.DomainState;
import org.vmportal.domain.service.Hypervisor;
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

  private static final Logger LOG = Logger.getLogger(DefaultVmService.class.getName());
  private static final int MAX_NAME = 64;
  private static final int MAX_VCPUS = 4;
  private static final int MIN_MEMORY_MIB = 96;
  private static final int MAX_MEMORY_MIB = 4096;
  private static final long GIB = 1L << 30;
  private static final long STOP_POLL_MILLIS = 500;

  @Inject private VmLedger ledger;
  @Inject private VmLocks locks;
  @Inject private VmRepository vms;
  @Inject private BaseImageRepository baseImages;
  @Inject private PortalUserRepository users;
  @Inject private VolumeStore volumes;
  @Inject private Hypervisor hypervisor;
  @Inject private AuditLog audit;

  @Inject
  @ConfigProperty(name = "portal.vm.stop-timeout-seconds", defaultValue = "30")
  long stopTimeoutSeconds;

  @Override
  public List<CatalogEntry> catalog(Actor actor) {
    return baseImages.findAll().stream()
        .filter(BaseImage::isSealed)
        .map(b -> new CatalogEntry(b.getId(), b.getName(), b.getOsName(), b.getOsVersion()))
        .toList();
  }

  @Override
  public VmView create(Actor actor, CreateVmRequest request) {
    VirtualMachine vm;
    VolumeInfo base;
    try {
      String name = checkedName(request.name());
      checkSize(request.vcpus(), request.memoryMib());
      if (actor.tenantId() == null || actor.userId() == null) {
        throw new PortalException(Kind.FORBIDDEN, "Only members of a tenant can own VMs.");
      }
      BaseImage image =
          baseImages
              .find(request.baseImageId())
              .filter(BaseImage::isSealed)
              .orElseThrow(
                  () -> new PortalException(Kind.NOT_FOUND, "There is no such OS in the catalog."));
      base =
          volumes
              .find(StoragePool.BASE_IMAGES, image.getVolumeName())
              .orElseThrow(
                  () -> new PortalException(Kind.FAILED, "The OS's disk is missing from storage."));
      String domainName = "vm-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
      vm =
          ledger.admit(
              actor,
              new VirtualMachine(
                  actor.tenantId(),
                  actor.userId(),
                  ledger.placementHost(),
                  image.getId(),
                  name,
                  domainName,
                  request.vcpus(),
                  request.memoryMib(),
                  (int) ((image.getVirtualSizeBytes() + GIB - 1) / GIB),
                  domainName + ".qcow2",
                  Secrets.vncPassword(),
                  Instant.now()));
    } catch (PortalException e) {
      audit.refused(actor, "VM_CREATED", null, e.getMessage());
      throw e;
    }
    try {
      VolumeInfo overlay = volumes.createOverlay(StoragePool.OVERLAYS, vm.getOverlayVolume(), base);
      hypervisor.defineAndStart(spec(vm, overlay, base));
      VirtualMachine running = running(vm);
      audit.success(actor, "VM_CREATED", target(vm), describe(running));
      return view(running);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Creating " + vm.getDomainName() + " failed; undoing", e);
      undoCreate(vm);
      audit.failed(actor, "VM_CREATED", target(vm), "could not start: " + e.getMessage());
      throw new PortalException(
          Kind.FAILED, "The VM could not be started; nothing was kept. Please try again.", e);
    }
  }

  private void undoCreate(VirtualMachine vm) {
    try {
      hypervisor.undefine(vm.getDomainName());
      volumes.delete(StoragePool.OVERLAYS, vm.getOverlayVolume());
      deleteSerialLog(vm);
      ledger.remove(vm.getId());
    } catch (RuntimeException cleanup) {
      // Recovery at start-up and the orphan sweep finish what is left.
      LOG.log(Level.SEVERE, "Undoing the create of " + vm.getDomainName() + " failed", cleanup);
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
            throw notNow(vm);
          }
          VolumeInfo overlay =
              volumes
                  .find(StoragePool.OVERLAYS, vm.getOverlayVolume())
                  .orElseThrow(() -> new PortalException(Kind.FAILED, "The VM's disk is missing."));
          try {
            // A defined domain starts as it is (from its saved memory when hibernated); one that
            // libvirt lost is defined again from the row.
            if (hypervisor.state(vm.getDomainName()) == DomainState.ABSENT) {
              hypervisor.defineAndStart(spec(vm, overlay, baseVolume(vm)));
            } else {
              hypervisor.start(vm.getDomainName());
            }
          } catch (RuntimeException e) {
            ledger.moveTo(vm.getId(), VmState.ERROR, "Could not start: " + e.getMessage());
            throw new PortalException(Kind.FAILED, "The VM could not be started.", e);
          }
          return running(vm);
        });
  }

  /** Records that the VM runs, with the VNC port libvirt chose for its console. */
  private VirtualMachine running(VirtualMachine vm) {
    OptionalInt vncPort = hypervisor.vncPort(vm.getDomainName());
    return ledger.running(vm.getId(), vncPort.isPresent() ? vncPort.getAsInt() : null);
  }

  @Override
  public VmView stop(Actor actor, long vmId) {
    return act(
        actor,
        vmId,
        "VM_STOPPED",
        vm -> {
          requireState(vm, VmState.RUNNING, VmState.PAUSED);
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
          hypervisor.pause(vm.getDomainName());
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
          hypervisor.resume(vm.getDomainName());
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
          hypervisor.hibernate(vm.getDomainName());
          return ledger.moveTo(vm.getId(), VmState.HIBERNATED, null);
        });
  }

  @Override
  public VmView rename(Actor actor, long vmId, String newName) {
    String name;
    try {
      name = checkedName(newName);
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
    throw notNow(vm);
  }

  /** The refusal of an operation the VM's current state does not allow. */
  private static PortalException notNow(VirtualMachine vm) {
    return new PortalException(
        Kind.CONFLICT,
        "\u201c"
            + vm.getName()
            + "\u201d is "
            + vm.getState().name().toLowerCase(Locale.ROOT)
            + ".");
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
            throw notNow(vm);
          }
          hypervisor.destroy(vm.getDomainName());
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
          hypervisor.undefine(vm.getDomainName());
          volumes.delete(StoragePool.OVERLAYS, vm.getOverlayVolume());
          deleteSerialLog(vm);
          ledger.remove(vm.getId());
          return vm;
        });
  }

  /**
   * Runs one operation on one VM under its lock, with ownership checked and the outcome audited.
   */
  private VmView act(
      Actor actor,
      long vmId,
      String action,
      java.util.function.Function<VirtualMachine, VirtualMachine> op) {
    AuditTarget target = new AuditTarget("vm", Long.toString(vmId));
    try {
      return locks.with(
          vmId,
          () -> {
            VirtualMachine vm = ledger.owned(actor, vmId);
            VirtualMachine after = op.apply(vm);
            String detail = describe(vm);
            if (!Long.valueOf(vm.getOwnerId()).equals(actor.userId())) {
              detail += "; by a platform admin on another user's VM";
            }
            audit.success(actor, action, target, detail);
            return view(after);
          });
    } catch (PortalException e) {
      audit.refused(actor, action, target, e.getMessage());
      throw e;
    }
  }

  private Path serialLog(VirtualMachine vm) {
    return volumes.logDirectory().resolve(vm.getDomainName() + ".serial.log");
  }

  private void deleteSerialLog(VirtualMachine vm) {
    try {
      Files.deleteIfExists(serialLog(vm));
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Could not delete the serial log of " + vm.getDomainName(), e);
    }
  }

  private VolumeInfo baseVolume(VirtualMachine vm) {
    return baseImages
        .find(vm.getBaseImageId())
        .flatMap(image -> volumes.find(StoragePool.BASE_IMAGES, image.getVolumeName()))
        .orElseThrow(() -> new PortalException(Kind.FAILED, "The VM's OS disk is missing."));
  }

  /** The domain; the sealed base is named in it so that libvirt never relabels it for one VM. */
  private DomainSpec spec(VirtualMachine vm, VolumeInfo overlay, VolumeInfo base) {
    return DomainSpec.builder(
            vm.getDomainName(),
            hypervisor.defaultAccelerator(),
            DiskSpec.overlay(overlay, base),
            vm.getVncPassword(),
            serialLog(vm).toString())
        .title(vm.getName())
        .serialPort(vm.getSerialPort())
        .hostname(hostname(vm.getName()))
        .vcpus(vm.getVcpus())
        .memoryMiB(vm.getMemoryMib())
        .build();
  }

  /** A host name the guest accepts, derived from the VM's name: letters, digits and dashes. */
  static String hostname(String vmName) {
    String name =
        vmName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
    return name.isEmpty() ? "vm" : name.substring(0, Math.min(63, name.length()));
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

  private static String checkedName(String raw) {
    String name = raw == null ? "" : raw.strip();
    if (name.isEmpty()) {
      throw new PortalException(Kind.INVALID, "Give the VM a name.");
    }
    if (name.length() > MAX_NAME) {
      throw new PortalException(
          Kind.INVALID, "The name is too long (at most " + MAX_NAME + " characters).");
    }
    if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new PortalException(Kind.INVALID, "The name contains control characters.");
    }
    return name;
  }

  private static void checkSize(int vcpus, int memoryMib) {
    if (vcpus < 1 || vcpus > MAX_VCPUS) {
      throw new PortalException(Kind.INVALID, "A VM has 1 to " + MAX_VCPUS + " vCPUs.");
    }
    if (memoryMib < MIN_MEMORY_MIB || memoryMib > MAX_MEMORY_MIB) {
      throw new PortalException(
          Kind.INVALID, "A VM has " + MIN_MEMORY_MIB + " to " + MAX_MEMORY_MIB + " MiB of memory.");
    }
  }

  private static AuditTarget target(VirtualMachine vm) {
    return new AuditTarget("vm", vm.getId().toString());
  }

  private static String describe(VirtualMachine vm) {
    return vm.getName()
        + " ("
        + vm.getDomainName()
        + ", "
        + vm.getVcpus()
        + " vCPU, "
        + vm.getMemoryMib()
        + " MiB, owner "
        + vm.getOwnerId()
        + ")";
  }
}

package org.vmportal.application.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.vmportal.application.Actor;
import org.vmportal.application.PortalException;
import org.vmportal.application.PortalException.Kind;
import org.vmportal.domain.model.image.BaseImage;
import org.vmportal.domain.model.image.BaseImageRepository;
import org.vmportal.domain.model.vm.VirtualMachine;
import org.vmportal.domain.service.DiskSpec;
import org.vmportal.domain.service.DomainSpec;
import org.vmportal.domain.service.Hypervisors;
import org.vmportal.domain.service.StoragePool;
import org.vmportal.domain.service.VolumeInfo;
import org.vmportal.domain.service.VolumeStore;

/**
 * Makes new VMs, whatever their disk starts from (a base image, or a snapshot of another VM): the
 * checks, the quota-counted row, the overlay, the domain, and undoing all of it when a step fails.
 */
@ApplicationScoped
public class VmProvisioner {

  private static final Logger LOG = Logger.getLogger(VmProvisioner.class.getName());
  private static final int MAX_VCPUS = 4;
  private static final int MIN_MEMORY_MIB = 96;
  private static final int MAX_MEMORY_MIB = 4096;
  private static final long GIB = 1L << 30;

  /** More than virtlogd keeps ({@code max_backups}, 3 by default). */
  private static final int ROTATED_LOGS = 10;

  @Inject private VmLedger ledger;
  @Inject private BaseImageRepository baseImages;
  @Inject private VolumeStore volumes;
  @Inject private Hypervisors hypervisors;

  /** A VM admitted (its row written, counted against quota) with the base volume it hangs off. */
  public record Admitted(VirtualMachine vm, VolumeInfo base) {}

  /**
   * Checks a new VM's name, size and OS, and writes its row in state CREATING under the quotas.
   *
   * @param actor the future owner
   * @param rawName the name as typed
   * @param baseImageId the sealed base image
   * @param vcpus virtual CPUs
   * @param memoryMib memory
   * @return the admitted VM
   * @throws PortalException when anything is wrong; nothing is written then
   */
  public Admitted admit(Actor actor, String rawName, long baseImageId, int vcpus, int memoryMib) {
    String name = DisplayNames.checked(rawName, "VM");
    checkSize(vcpus, memoryMib);
    if (actor.tenantId() == null || actor.userId() == null) {
      throw new PortalException(Kind.FORBIDDEN, "Only members of a tenant can own VMs.");
    }
    BaseImage image =
        baseImages
            .find(baseImageId)
            .filter(BaseImage::isSealed)
            .orElseThrow(
                () -> new PortalException(Kind.NOT_FOUND, "There is no such OS in the catalog."));
    VolumeInfo base =
        volumes
            .find(StoragePool.BASE_IMAGES, image.getVolumeName())
            .orElseThrow(
                () -> new PortalException(Kind.FAILED, "The OS's disk is missing from storage."));
    String domainName = "vm-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    VirtualMachine vm =
        ledger.admit(
            actor,
            new VirtualMachine(
                actor.tenantId(),
                actor.userId(),
                ledger.placementHost(memoryMib),
                image.getId(),
                name,
                domainName,
                vcpus,
                memoryMib,
                (int) ((image.getVirtualSizeBytes() + GIB - 1) / GIB),
                domainName + ".qcow2",
                Secrets.vncPassword(),
                Instant.now()));
    return new Admitted(vm, base);
  }

  /**
   * Makes the admitted VM's overlay and starts its domain; on failure removes whatever was made,
   * row included.
   *
   * @param admitted the VM from {@link #admit}
   * @param makeOverlay makes the overlay volume, named as the VM's row says
   * @return the running VM
   * @throws PortalException {@link Kind#FAILED} when it could not be made; nothing is kept then
   */
  public VirtualMachine provision(
      Admitted admitted, Function<VirtualMachine, VolumeInfo> makeOverlay) {
    VirtualMachine vm = admitted.vm();
    try {
      long t0 = System.nanoTime();
      VolumeInfo overlay = makeOverlay.apply(vm);
      long t1 = System.nanoTime();
      hypervisors.of(vm.getHostId()).defineAndStart(spec(vm, overlay, admitted.base()));
      long t2 = System.nanoTime();
      VirtualMachine running = running(vm);
      // FINE: where a create's time goes (libvirt's start is most of it), for an operator to see.
      LOG.log(
          Level.FINE,
          "Created {0}: overlay {1} ms, define and start {2} ms, recorded running {3} ms",
          new Object[] {
            vm.getDomainName(),
            (t1 - t0) / 1_000_000,
            (t2 - t1) / 1_000_000,
            (System.nanoTime() - t2) / 1_000_000
          });
      return running;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Creating " + vm.getDomainName() + " failed; undoing", e);
      undoCreate(vm);
      throw new PortalException(
          Kind.FAILED, "The VM could not be started; nothing was kept. Please try again.", e);
    }
  }

  private void undoCreate(VirtualMachine vm) {
    try {
      hypervisors.of(vm.getHostId()).undefine(vm.getDomainName());
      volumes.delete(StoragePool.OVERLAYS, vm.getOverlayVolume());
      deleteLogs(vm);
      ledger.remove(vm.getId());
    } catch (RuntimeException cleanup) {
      // Recovery at start-up and the orphan sweep finish what is left.
      LOG.log(Level.SEVERE, "Undoing the create of " + vm.getDomainName() + " failed", cleanup);
    }
  }

  /**
   * Records that the VM runs, with the VNC port libvirt chose for its console.
   *
   * @param vm the VM
   * @return the VM after the change
   */
  public VirtualMachine running(VirtualMachine vm) {
    OptionalInt vncPort = hypervisors.of(vm.getHostId()).vncPort(vm.getDomainName());
    return ledger.running(vm.getId(), vncPort.isPresent() ? vncPort.getAsInt() : null);
  }

  /**
   * The VM's overlay volume.
   *
   * @param vm the VM
   * @return the overlay
   * @throws PortalException {@link Kind#FAILED} when it is missing
   */
  public VolumeInfo overlay(VirtualMachine vm) {
    return volumes
        .find(StoragePool.OVERLAYS, vm.getOverlayVolume())
        .orElseThrow(() -> new PortalException(Kind.FAILED, "The VM's disk is missing."));
  }

  /**
   * The base volume the VM's overlay hangs off.
   *
   * @param vm the VM
   * @return the base volume
   * @throws PortalException {@link Kind#FAILED} when it is missing
   */
  public VolumeInfo baseVolume(VirtualMachine vm) {
    return baseImages
        .find(vm.getBaseImageId())
        .flatMap(image -> volumes.find(StoragePool.BASE_IMAGES, image.getVolumeName()))
        .orElseThrow(() -> new PortalException(Kind.FAILED, "The VM's OS disk is missing."));
  }

  /**
   * The domain; the sealed base is named in it so that libvirt never relabels it for one VM.
   *
   * @param vm the VM
   * @param overlay its overlay
   * @param base the base the overlay hangs off
   * @return the domain's description
   */
  public DomainSpec spec(VirtualMachine vm, VolumeInfo overlay, VolumeInfo base) {
    return DomainSpec.builder(
            vm.getDomainName(),
            hypervisors.of(vm.getHostId()).defaultAccelerator(),
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

  /**
   * Where the VM's serial console output is captured.
   *
   * @param vm the VM
   * @return the log file
   */
  public Path serialLog(VirtualMachine vm) {
    return volumes.logDirectory().resolve(vm.getDomainName() + ".serial.log");
  }

  /**
   * Deletes the VM's serial and QEMU logs, with the older parts virtlogd rotated out.
   *
   * @param vm the VM
   */
  public void deleteLogs(VirtualMachine vm) {
    for (Path log :
        List.of(serialLog(vm), hypervisors.of(vm.getHostId()).logFile(vm.getDomainName()))) {
      try {
        Files.deleteIfExists(log);
        for (int rotated = 0; rotated < ROTATED_LOGS; rotated++) {
          Files.deleteIfExists(log.resolveSibling(log.getFileName() + "." + rotated));
        }
      } catch (IOException e) {
        LOG.log(Level.WARNING, "Could not delete " + log, e);
      }
    }
  }

  /** A host name the guest accepts, derived from the VM's name: letters, digits and dashes. */
  static String hostname(String vmName) {
    String name =
        vmName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
    return name.isEmpty() ? "vm" : name.substring(0, Math.min(63, name.length()));
  }

  /**
   * Checks a VM's shape.
   *
   * @param vcpus virtual CPUs
   * @param memoryMib memory
   * @throws PortalException {@link Kind#INVALID} when out of range
   */
  public static void checkSize(int vcpus, int memoryMib) {
    if (vcpus < 1 || vcpus > MAX_VCPUS) {
      throw new PortalException(Kind.INVALID, "A VM has 1 to " + MAX_VCPUS + " vCPUs.");
    }
    if (memoryMib < MIN_MEMORY_MIB || memoryMib > MAX_MEMORY_MIB) {
      throw new PortalException(
          Kind.INVALID, "A VM has " + MIN_MEMORY_MIB + " to " + MAX_MEMORY_MIB + " MiB of memory.");
    }
  }

  /**
   * The VM as the audit trail describes it.
   *
   * @param vm the VM
   * @return name, domain, size and owner
   */
  public static String describe(VirtualMachine vm) {
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

package org.vmportal.application.internal;

import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLTransactionRollbackException;
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
import org.vmportal.domain.model.vm.SpareVm;
import org.vmportal.domain.model.vm.VirtualMachine;
import org.vmportal.domain.service.DiskSpec;
import org.vmportal.domain.service.DomainSpec;
import org.vmportal.domain.service.Hypervisor;
import org.vmportal.domain.service.Hypervisors;
import org.vmportal.domain.service.StoragePool;
import org.vmportal.domain.service.VolumeInfo;
import org.vmportal.domain.service.VolumeStore;

/**
 * Makes new VMs, whatever their disk starts from (a base image, or a snapshot of another VM): the
 * checks, the quota-counted row, the overlay, the domain, and undoing all of it when a step fails.
 * Makes and discards spares too: a VM from a base image takes one of its image and shape when there
 * is one, and only has to be named and let run.
 */
@ApplicationScoped
public class VmProvisioner {

  private static final Logger LOG = Logger.getLogger(VmProvisioner.class.getName());
  private static final int MAX_VCPUS = 4;
  private static final int MIN_MEMORY_MIB = 96;
  private static final int MAX_MEMORY_MIB = 4096;
  private static final long GIB = 1L << 30;
  private static final int ADMIT_ATTEMPTS = 3;

  /** More than virtlogd keeps ({@code max_backups}, 3 by default). */
  private static final int ROTATED_LOGS = 10;

  /** File name ending of host-name media, for the orphan sweep. */
  static final String HOSTNAME_MEDIUM_SUFFIX = ".hostname";

  @Inject private VmLedger ledger;
  @Inject private BaseImageRepository baseImages;
  @Inject private VolumeStore volumes;
  @Inject private Hypervisors hypervisors;

  /**
   * A VM admitted (its row written, counted against quota) with the base volume it hangs off.
   *
   * @param vm the VM
   * @param base its base volume
   * @param tookSpare whether it took a spare's overlay and paused domain
   */
  public record Admitted(VirtualMachine vm, VolumeInfo base, boolean tookSpare) {}

  /**
   * Checks a new VM's name, size and OS, and writes its row in state CREATING under the quotas.
   *
   * @param actor the future owner
   * @param rawName the name as typed
   * @param baseImageId the sealed base image
   * @param vcpus virtual CPUs
   * @param memoryMib memory
   * @param spareWanted whether the VM's disk is the base image's as it is, so a spare will do
   * @return the admitted VM
   * @throws PortalException when anything is wrong; nothing is written then
   */
  public Admitted admit(
      Actor actor,
      String rawName,
      long baseImageId,
      int vcpus,
      int memoryMib,
      boolean spareWanted) {
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
    for (int attempt = 1; ; attempt++) {
      String domainName = newDomainName();
      try {
        VmLedger.Admission admission =
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
                    Instant.now()),
                spareWanted);
        return new Admitted(admission.vm(), base, admission.tookSpare());
      } catch (EJBException e) {
        // The admission rolled back whole, so it can run again; the host lock it takes first
        // prevents the deadlocks seen so far, this covers any InnoDB still finds.
        if (attempt == ADMIT_ATTEMPTS || !rolledBackByDatabase(e)) {
          throw e;
        }
        LOG.log(Level.WARNING, "The database rolled back a VM admission; trying again", e);
      }
    }
  }

  /** Whether the database ended the transaction itself (a deadlock or a lock wait timeout). */
  static boolean rolledBackByDatabase(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLTransactionRollbackException) {
        return true;
      }
    }
    return false;
  }

  private static String newDomainName() {
    return "vm-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  /**
   * Makes the admitted VM's overlay and starts its domain, or lets the spare it took run under its
   * name; on failure removes whatever was made, row included.
   *
   * @param admitted the VM from {@link #admit}
   * @param makeOverlay makes the overlay volume, named as the VM's row says (not called for a
   *     spare)
   * @return the running VM
   * @throws PortalException {@link Kind#FAILED} when it could not be made; nothing is kept then
   */
  public VirtualMachine provision(
      Admitted admitted, Function<VirtualMachine, VolumeInfo> makeOverlay) {
    VirtualMachine vm = admitted.vm();
    try {
      long t0 = System.nanoTime();
      DiskSpec disk =
          admitted.tookSpare()
              ? sparesOverlay(vm, admitted.base())
              : DiskSpec.overlay(makeOverlay.apply(vm), admitted.base());
      long t1 = System.nanoTime();
      if (admitted.tookSpare()) {
        hypervisors
            .of(vm.getHostId())
            .takeSpare(spec(vm, disk), hostnameMedium(vm.getDomainName()));
      } else {
        hypervisors.of(vm.getHostId()).defineAndStart(spec(vm, disk));
      }
      long t2 = System.nanoTime();
      VirtualMachine running = running(vm);
      // FINE: where a create's time goes (libvirt's start is most of it), for an operator to see.
      LOG.log(
          Level.FINE,
          "Created {0}{1}: overlay {2} ms, define and start {3} ms, recorded running {4} ms",
          new Object[] {
            vm.getDomainName(),
            admitted.tookSpare() ? " from a spare" : "",
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
      deleteFiles(vm.getHostId(), vm.getDomainName());
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
    return spec(vm, DiskSpec.overlay(overlay, base));
  }

  /**
   * The overlay a spare made for the VM, named from the pool's directory: a storage lookup would
   * wait behind an overlay being made for the next spare.
   */
  private DiskSpec sparesOverlay(VirtualMachine vm, VolumeInfo base) {
    Path overlay = volumes.directory(StoragePool.OVERLAYS).resolve(vm.getOverlayVolume());
    return new DiskSpec(overlay.toString(), "qcow2", DiskSpec.of(base));
  }

  private DomainSpec spec(VirtualMachine vm, DiskSpec disk) {
    return DomainSpec.builder(
            vm.getDomainName(),
            hypervisors.of(vm.getHostId()).defaultAccelerator(),
            disk,
            vm.getVncPassword(),
            serialLog(vm.getDomainName()).toString())
        .title(vm.getName())
        .serialPort(vm.getSerialPort())
        .hostname(hostname(vm.getName()))
        .vcpus(vm.getVcpus())
        .memoryMiB(vm.getMemoryMib())
        .build();
  }

  /**
   * Where a domain's serial console output is captured.
   *
   * @param domainName the VM's or spare's domain
   * @return the log file
   */
  public Path serialLog(String domainName) {
    return volumes.logDirectory().resolve(domainName + ".serial.log");
  }

  /**
   * Where the host-name medium of a VM that took a spare lies. It stays while the VM exists: a
   * hibernated VM or a snapshot with memory resumes the domain as it ran, drive and medium
   * included.
   *
   * @param domainName the VM's domain
   * @return the medium's file
   */
  public Path hostnameMedium(String domainName) {
    return volumes.hostnameMediaDirectory().resolve(domainName + HOSTNAME_MEDIUM_SUFFIX);
  }

  /**
   * Deletes a domain's files besides its disk: serial and QEMU logs with the older parts virtlogd
   * rotated out, and its host-name medium.
   *
   * @param hostId the domain's host
   * @param domainName the VM's or spare's domain
   */
  public void deleteFiles(long hostId, String domainName) {
    List<Path> files =
        List.of(
            serialLog(domainName),
            hypervisors.of(hostId).logFile(domainName),
            hostnameMedium(domainName));
    for (Path file : files) {
      try {
        Files.deleteIfExists(file);
        for (int rotated = 0; rotated < ROTATED_LOGS; rotated++) {
          Files.deleteIfExists(file.resolveSibling(file.getFileName() + "." + rotated));
        }
      } catch (IOException e) {
        LOG.log(Level.WARNING, "Could not delete " + file, e);
      }
    }
  }

  /**
   * Makes a spare of the image and shape on the host: its row (not ready), overlay and paused
   * domain, then marks it ready. A failure, or a discard meanwhile, leaves nothing.
   *
   * @param hostId the host
   * @param baseImageId the sealed base image
   * @param base its volume
   * @param vcpus virtual CPUs
   * @param memoryMib memory
   * @throws RuntimeException when a step fails; what was made is removed again
   */
  public void makeSpare(long hostId, long baseImageId, VolumeInfo base, int vcpus, int memoryMib) {
    Hypervisor hypervisor = hypervisors.of(hostId);
    SpareVm spare =
        ledger.reserveSpare(
            hostId,
            baseImageId,
            newDomainName(),
            vcpus,
            memoryMib,
            hypervisor.defaultAccelerator());
    boolean ready = false;
    try {
      VolumeInfo overlay =
          volumes.createOverlay(StoragePool.OVERLAYS, spare.getOverlayVolume(), base);
      hypervisor.defineSpare(
          DomainSpec.builder(
                  spare.getDomainName(),
                  spare.getAccelerator(),
                  DiskSpec.overlay(overlay, base),
                  spare.getVncPassword(),
                  serialLog(spare.getDomainName()).toString())
              .serialPort(spare.getSerialPort())
              .hostnameFromMedium(true)
              .vcpus(vcpus)
              .memoryMiB(memoryMib)
              .build());
      ready = ledger.spareReady(spare.getId());
    } finally {
      if (!ready) {
        try {
          ledger.removeSpare(spare.getId());
          removeDomainAndDisk(spare);
        } catch (RuntimeException cleanup) {
          // The orphan sweep removes a domain and overlay no row knows.
          LOG.log(Level.WARNING, "Removing the unfinished spare " + spare.getDomainName(), cleanup);
        }
      }
    }
  }

  /**
   * Discards a spare: its row, domain, overlay and logs; nothing when a create took it first.
   *
   * @param spare the spare
   */
  public void discardSpare(SpareVm spare) {
    if (ledger.removeSpare(spare.getId())) {
      removeDomainAndDisk(spare);
    }
  }

  private void removeDomainAndDisk(SpareVm spare) {
    hypervisors.of(spare.getHostId()).undefine(spare.getDomainName());
    volumes.delete(StoragePool.OVERLAYS, spare.getOverlayVolume());
    deleteFiles(spare.getHostId(), spare.getDomainName());
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

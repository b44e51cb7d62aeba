package org.vmportal.application.internal;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.vmportal.application.Actor;
import org.vmportal.application.BaseImageService;
import org.vmportal.application.PortalException;
import org.vmportal.application.PortalException.Kind;
import org.vmportal.domain.model.audit.AuditTarget;
import org.vmportal.domain.model.image.BaseImage;
import org.vmportal.domain.model.image.BaseImageRepository;
import org.vmportal.domain.model.image.BaseImageRepository.Usage;
import org.vmportal.domain.model.image.BaseImageSource;
import org.vmportal.domain.model.image.Iso;
import org.vmportal.domain.model.image.IsoRepository;
import org.vmportal.domain.service.DiskSpec;
import org.vmportal.domain.service.DomainSpec;
import org.vmportal.domain.service.Hypervisor;
import org.vmportal.domain.service.StoragePool;
import org.vmportal.domain.service.VolumeInfo;
import org.vmportal.domain.service.VolumeStore;

/** Seals, deletes and lists base images, for platform admins. */
@Stateless
public class DefaultBaseImageService implements BaseImageService {

  private static final int MAX_DISK_GIB = 2048;
  private static final long INSTALLER_MEMORY_MIB = 512;

  @Inject private BaseImageRepository baseImages;
  @Inject private IsoRepository isos;
  @Inject private VolumeStore volumes;
  @Inject private Hypervisor hypervisor;
  @Inject private AuditLog audit;
  @Inject private SpareKeeper spares;

  @Override
  public List<BaseImageListing> list(Actor actor) {
    requireAdmin(actor, "BASE_IMAGES_LISTED", null);
    return baseImages.findAll().stream().map(this::listing).toList();
  }

  @Override
  public BaseImageListing get(Actor actor, long baseImageId) {
    requireAdmin(actor, "BASE_IMAGE_VIEWED", target(baseImageId));
    return listing(find(baseImageId));
  }

  private BaseImageListing listing(BaseImage image) {
    Usage usage = baseImages.usage(image.getId());
    long allocation =
        volumes
            .find(StoragePool.BASE_IMAGES, image.getVolumeName())
            .map(VolumeInfo::allocationBytes)
            .orElse(0L);
    return new BaseImageListing(
        image.getId(),
        image.getName(),
        image.getOsName(),
        image.getOsVersion(),
        image.getState().name(),
        image.getSource().name(),
        image.getVirtualSizeBytes(),
        allocation,
        usage.vms(),
        usage.snapshots(),
        usage.templates(),
        image.getInstallerDomain(),
        image.getCreatedAt());
  }

  @Override
  public long createFromIso(Actor actor, BuildRequest request) {
    requireAdmin(actor, "BASE_IMAGE_BUILD_STARTED", null);
    try {
      BaseImageNames.check(request.name(), request.osName(), request.osVersion());
      if (request.diskGib() < 1 || request.diskGib() > MAX_DISK_GIB) {
        throw new PortalException(
            Kind.INVALID, "The disk size must be between 1 and " + MAX_DISK_GIB + " GiB.");
      }
      String name = request.name().strip();
      if (baseImages.findByName(name).isPresent()) {
        throw BaseImageNames.taken(name);
      }
      Iso iso =
          isos.find(request.isoId())
              .filter(i -> !i.isPersonal())
              .orElseThrow(() -> new PortalException(Kind.NOT_FOUND, "There is no such ISO."));
      VolumeInfo isoVolume =
          volumes
              .find(StoragePool.ISOS, iso.getVolumeName())
              .orElseThrow(
                  () ->
                      new PortalException(Kind.FAILED, "The ISO's file is missing from storage."));
      return startInstaller(actor, request, name, isoVolume);
    } catch (PortalException e) {
      audit.refused(actor, "BASE_IMAGE_BUILD_STARTED", null, e.getMessage());
      throw e;
    }
  }

  private long startInstaller(
      Actor actor, BuildRequest request, String name, VolumeInfo isoVolume) {
    String suffix = UUID.randomUUID().toString();
    VolumeInfo disk =
        volumes.createBlankQcow2(
            StoragePool.BASE_IMAGES, "base-" + suffix + ".qcow2", (long) request.diskGib() << 30);
    String domain = "vmportal-installer-" + suffix.substring(0, 8);
    String vncPassword = Secrets.vncPassword();
    try {
      hypervisor.defineAndStart(
          DomainSpec.builder(
                  domain,
                  hypervisor.defaultAccelerator(),
                  DiskSpec.of(disk),
                  vncPassword,
                  volumes.logDirectory().resolve(domain + ".serial.log").toString())
              .title("Installer for " + name)
              .hostname("installer")
              .cdrom(DiskSpec.of(isoVolume))
              .memoryMiB(INSTALLER_MEMORY_MIB)
              .build());
      BaseImage image =
          new BaseImage(
              name,
              request.osName().strip(),
              request.osVersion().strip(),
              request.isoId(),
              disk.name(),
              disk.capacityBytes(),
              BaseImageSource.INSTALLER,
              actor.userId(),
              Instant.now());
      OptionalInt vncPort = hypervisor.vncPort(domain);
      image.installWith(domain, vncPort.isPresent() ? vncPort.getAsInt() : null, vncPassword);
      image = baseImages.store(image);
      audit.success(
          actor,
          "BASE_IMAGE_BUILD_STARTED",
          target(image.getId()),
          name + " from ISO " + request.isoId() + ", installer " + domain);
      return image.getId();
    } catch (RuntimeException e) {
      // Nothing half-made stays: the installer VM and the blank disk go with the refusal.
      hypervisor.destroy(domain);
      hypervisor.undefine(domain);
      volumes.delete(StoragePool.BASE_IMAGES, disk.name());
      throw e instanceof PortalException p
          ? p
          : new PortalException(Kind.FAILED, "The installer VM could not be started.", e);
    }
  }

  @Override
  public void seal(Actor actor, long baseImageId) {
    AuditTarget target = target(baseImageId);
    requireAdmin(actor, "BASE_IMAGE_SEALED", target);
    try {
      BaseImage image = find(baseImageId);
      if (image.isSealed()) {
        throw new PortalException(
            Kind.CONFLICT, "\u201c" + image.getName() + "\u201d is already sealed.");
      }
      removeInstaller(image);
      image.seal(Instant.now());
      volumes.makeReadOnly(StoragePool.BASE_IMAGES, image.getVolumeName());
      baseImages.store(image);
      audit.success(actor, "BASE_IMAGE_SEALED", target, image.getName());
    } catch (PortalException e) {
      audit.refused(actor, "BASE_IMAGE_SEALED", target, e.getMessage());
      throw e;
    }
  }

  @Override
  public void delete(Actor actor, long baseImageId) {
    AuditTarget target = target(baseImageId);
    requireAdmin(actor, "BASE_IMAGE_DELETED", target);
    try {
      BaseImage image = existing(baseImages.lock(baseImageId));
      Usage usage = baseImages.usage(baseImageId);
      if (usage.inUse()) {
        throw new PortalException(
            Kind.CONFLICT,
            "\u201c"
                + image.getName()
                + "\u201d cannot be deleted: "
                + count(usage.vms(), "VM")
                + ", "
                + count(usage.snapshots(), "snapshot")
                + " and "
                + count(usage.templates(), "template")
                + " use it.");
      }
      removeInstaller(image);
      spares.discardOfImage(baseImageId);
      baseImages.remove(image);
      volumes.delete(StoragePool.BASE_IMAGES, image.getVolumeName());
      audit.success(actor, "BASE_IMAGE_DELETED", target, image.getName());
    } catch (PortalException e) {
      audit.refused(actor, "BASE_IMAGE_DELETED", target, e.getMessage());
      throw e;
    }
  }

  @Override
  public List<PoolUsage> storage(Actor actor) {
    requireAdmin(actor, "STORAGE_LISTED", null);
    return Arrays.stream(StoragePool.values())
        .map(
            pool -> {
              List<VolumeInfo> inPool = volumes.list(pool);
              return new PoolUsage(
                  pool.directoryName(),
                  volumes.directory(pool).toString(),
                  inPool.size(),
                  inPool.stream().mapToLong(VolumeInfo::allocationBytes).sum(),
                  volumes.freeBytes(pool));
            })
        .toList();
  }

  /** The installer VM writes to the disk: it must be gone before the disk is sealed or deleted. */
  private void removeInstaller(BaseImage image) {
    if (image.getInstallerDomain() != null) {
      hypervisor.destroy(image.getInstallerDomain());
      hypervisor.undefine(image.getInstallerDomain());
    }
  }

  private BaseImage find(long id) {
    return existing(baseImages.find(id));
  }

  private static BaseImage existing(Optional<BaseImage> image) {
    return image.orElseThrow(
        () -> new PortalException(Kind.NOT_FOUND, "There is no such base image."));
  }

  private void requireAdmin(Actor actor, String action, AuditTarget target) {
    if (!actor.isPlatformAdmin()) {
      String message = "Only platform admins manage base images.";
      audit.refused(actor, action, target, message);
      throw new PortalException(Kind.FORBIDDEN, message);
    }
  }

  private static AuditTarget target(long id) {
    return new AuditTarget("base-image", Long.toString(id));
  }

  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}

package org.vmportal.application.internal;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.UUID;
import org.vmportal.application.Actor;
import org.vmportal.application.PortalException;
import org.vmportal.application.PortalException.Kind;
import org.vmportal.domain.model.audit.AuditTarget;
import org.vmportal.domain.model.image.BaseImage;
import org.vmportal.domain.model.image.BaseImageRepository;
import org.vmportal.domain.model.image.BaseImageSource;
import org.vmportal.domain.model.image.Iso;
import org.vmportal.domain.model.image.IsoRepository;
import org.vmportal.domain.service.StoragePool;
import org.vmportal.domain.service.VolumeInfo;
import org.vmportal.domain.service.VolumeStore;

/**
 * Moves a complete, checked file into its storage pool and records it in the catalog, as one step:
 * if the row cannot be written, the moved file is deleted again, so neither exists without the
 * other.
 */
@Stateless
public class CatalogRegistrar {

  @Inject private IsoRepository isos;
  @Inject private BaseImageRepository baseImages;
  @Inject private VolumeStore volumes;
  @Inject private AuditLog audit;

  /**
   * Stores an ISO in the catalog of the actor's scope (the platform's, or their tenant's).
   *
   * @param actor who uploaded it
   * @param name the display name
   * @param file the complete file in the incoming folder
   * @param sizeBytes its size
   * @param sha256 its hash
   * @return the stored ISO
   * @throws PortalException {@link Kind#CONFLICT} when the same content is already in that catalog
   */
  public Iso registerIso(Actor actor, String name, Path file, long sizeBytes, String sha256) {
    Long tenantId = actor.isPlatformAdmin() ? null : actor.tenantId();
    isos.findBySha256InScope(sha256, tenantId)
        .ifPresent(
            existing -> {
              throw duplicateIso(existing.getName());
            });
    String volumeName = UUID.randomUUID() + ".iso";
    Path stored = moveInto(StoragePool.ISOS, file, volumeName);
    try {
      volumes.refresh(StoragePool.ISOS);
      volumes.makeReadOnly(StoragePool.ISOS, volumeName);
      Iso iso =
          isos.store(
              new Iso(
                  tenantId, actor.userId(), name, volumeName, sizeBytes, sha256, Instant.now()));
      audit.success(
          actor,
          "ISO_UPLOADED",
          new AuditTarget("iso", iso.getId().toString()),
          name + " (" + sizeBytes + " bytes, sha256 " + sha256 + ")");
      return iso;
    } catch (PersistenceException e) {
      undo(StoragePool.ISOS, stored);
      throw duplicateIso(name); // two uploads of the same content raced to the unique key
    } catch (RuntimeException e) {
      undo(StoragePool.ISOS, stored);
      throw e;
    }
  }

  /**
   * Imports a standalone qcow2 as a base image, not yet sealed.
   *
   * @param actor the platform admin
   * @param name the catalog name
   * @param osName the OS people see
   * @param osVersion its version
   * @param file the complete, checked file in the incoming folder
   * @return the new base image
   * @throws PortalException when the name is taken, or libvirt does not see a standalone qcow2
   */
  public BaseImage registerImportedBase(
      Actor actor, String name, String osName, String osVersion, Path file) {
    baseImages
        .findByName(name)
        .ifPresent(
            existing -> {
              throw BaseImageNames.taken(name);
            });
    String volumeName = "base-" + UUID.randomUUID() + ".qcow2";
    Path stored = moveInto(StoragePool.BASE_IMAGES, file, volumeName);
    try {
      volumes.refresh(StoragePool.BASE_IMAGES);
      VolumeInfo volume =
          volumes
              .find(StoragePool.BASE_IMAGES, volumeName)
              .orElseThrow(
                  () -> new PortalException(Kind.FAILED, "The imported disk did not appear."));
      if (!"qcow2".equals(volume.format()) || volume.backingPath() != null) {
        throw new PortalException(
            Kind.UNSUPPORTED,
            "The file is not a standalone qcow2 image (libvirt sees format "
                + volume.format()
                + (volume.backingPath() == null ? "" : " with a backing file")
                + ").");
      }
      BaseImage image =
          baseImages.store(
              new BaseImage(
                  name,
                  osName,
                  osVersion,
                  null,
                  volumeName,
                  volume.capacityBytes(),
                  BaseImageSource.IMPORTED,
                  actor.userId(),
                  Instant.now()));
      audit.success(
          actor,
          "BASE_IMAGE_IMPORTED",
          new AuditTarget("base-image", image.getId().toString()),
          name + " (" + volume.capacityBytes() + " bytes virtual)");
      return image;
    } catch (PersistenceException e) {
      undo(StoragePool.BASE_IMAGES, stored);
      throw BaseImageNames.taken(name);
    } catch (RuntimeException e) {
      undo(StoragePool.BASE_IMAGES, stored);
      throw e;
    }
  }

  private Path moveInto(StoragePool pool, Path file, String volumeName) {
    Path target = volumes.directory(pool).resolve(volumeName);
    try {
      return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new PortalException(Kind.FAILED, "The file could not be moved into storage.", e);
    }
  }

  private void undo(StoragePool pool, Path stored) {
    try {
      Files.deleteIfExists(stored);
      volumes.refresh(pool);
    } catch (IOException | RuntimeException e) {
      // the orphan sweep removes volumes that no row owns
    }
  }

  private static PortalException duplicateIso(String existingName) {
    return new PortalException(
        Kind.CONFLICT, "This ISO is already in the catalog as \u201c" + existingName + "\u201d.");
  }
}

package org.vmportal.application.internal;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.vmportal.application.Actor;
import org.vmportal.application.PortalException;
import org.vmportal.application.PortalException.Kind;
import org.vmportal.application.UploadKind;
import org.vmportal.application.UploadRequest;
import org.vmportal.application.UploadService;
import org.vmportal.application.UploadStatus;
import org.vmportal.domain.model.audit.AuditTarget;
import org.vmportal.domain.model.image.BaseImageRepository;
import org.vmportal.domain.model.image.DiskImageFormats;
import org.vmportal.domain.model.image.FileNames;
import org.vmportal.domain.model.image.IsoRepository;
import org.vmportal.domain.model.tenant.Tenant;
import org.vmportal.domain.model.tenant.TenantRepository;
import org.vmportal.domain.service.StoragePool;
import org.vmportal.domain.service.VolumeStore;

/**
 * Streams uploads into the incoming folder and hands complete files to {@link CatalogRegistrar}.
 * Runs outside transactions: a chunk may take long, and only the final registration writes rows.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DefaultUploadService implements UploadService {

  private static final Logger LOG = Logger.getLogger(DefaultUploadService.class.getName());
  private static final long GIB = 1L << 30;
  private static final long MIB = 1L << 20;

  /** Space kept free on the storage file system beyond the upload itself. */
  private static final long RESERVE_BYTES = 64 * MIB;

  @Inject private UploadSessions sessions;
  @Inject private CatalogRegistrar registrar;
  @Inject private VolumeStore volumes;
  @Inject private AuditLog audit;
  @Inject private TenantRepository tenants;
  @Inject private IsoRepository isos;
  @Inject private BaseImageRepository baseImages;

  @Inject
  @ConfigProperty(name = "portal.upload.max-bytes", defaultValue = "8589934592")
  long maxBytes;

  @Inject
  @ConfigProperty(name = "portal.upload.max-chunk-bytes", defaultValue = "67108864")
  long maxChunkBytes;

  @Inject
  @ConfigProperty(name = "portal.upload.idle-minutes", defaultValue = "60")
  long idleMinutes;

  @Override
  public UploadStatus begin(Actor actor, UploadRequest request) {
    try {
      String name = checkedName(request.fileName());
      if (request.kind() == null) {
        throw new PortalException(Kind.INVALID, "Say whether the file is an ISO or a qcow2 disk.");
      }
      checkSize(request);
      StoragePool pool =
          request.kind() == UploadKind.ISO ? StoragePool.ISOS : StoragePool.BASE_IMAGES;
      if (request.kind() == UploadKind.ISO) {
        checkIsoRights(actor, request.sizeBytes());
      } else {
        checkImportRights(actor, request);
      }
      long free = volumes.freeBytes(pool);
      if (request.sizeBytes() + RESERVE_BYTES > free) {
        throw new PortalException(
            Kind.STORAGE_FULL,
            "The storage has "
                + inMib(free)
                + " MiB free; this file needs "
                + inMib(request.sizeBytes())
                + " MiB.");
      }
      IncomingUpload upload = sessions.open(actor, request, name, volumes.incomingDirectory());
      LOG.log(
          Level.INFO,
          "{0} started upload {1} of {2} ({3} bytes)",
          new Object[] {actor.username(), upload.id(), name, request.sizeBytes()});
      return upload.status(null);
    } catch (PortalException e) {
      audit.refused(actor, "UPLOAD_STARTED", null, e.getMessage());
      throw e;
    } catch (IOException e) {
      throw new PortalException(Kind.FAILED, "The upload could not be started.", e);
    }
  }

  @Override
  public UploadStatus append(
      Actor actor, String uploadId, long offset, InputStream data, long length) {
    IncomingUpload upload = sessions.owned(actor, uploadId);
    if (length > maxChunkBytes) {
      throw new PortalException(
          Kind.TOO_LARGE, "Chunks are limited to " + inMib(maxChunkBytes) + " MiB.");
    }
    try {
      UploadStatus status = upload.append(offset, data, length);
      return upload.isComplete() ? complete(actor, upload) : status;
    } catch (PortalException e) {
      if (e.getKind() != Kind.CONFLICT) {
        discard(upload); // the file is wrong or the disk failed: nothing of it may stay
        audit.refused(actor, "UPLOAD", new AuditTarget("upload", uploadId), e.getMessage());
      }
      throw e;
    }
  }

  private UploadStatus complete(Actor actor, IncomingUpload upload) {
    try {
      UploadRequest request = upload.request();
      long resultId =
          switch (request.kind()) {
            case ISO ->
                registrar
                    .registerIso(
                        actor, upload.name(), upload.file(), request.sizeBytes(), upload.sha256())
                    .getId();
            case QCOW2 ->
                registrar
                    .registerImportedBase(
                        actor,
                        request.baseImageName().strip(),
                        request.osName().strip(),
                        request.osVersion().strip(),
                        upload.file())
                    .getId();
          };
      sessions.close(upload);
      return upload.status(resultId);
    } catch (RuntimeException e) {
      discard(upload);
      throw e instanceof PortalException p
          ? p
          : new PortalException(Kind.FAILED, "The upload could not be stored.", e);
    }
  }

  @Override
  public UploadStatus status(Actor actor, String uploadId) {
    return sessions.owned(actor, uploadId).status(null);
  }

  @Override
  public void cancel(Actor actor, String uploadId) {
    IncomingUpload upload = sessions.owned(actor, uploadId);
    discard(upload);
    audit.success(actor, "UPLOAD_CANCELLED", new AuditTarget("upload", uploadId), upload.name());
  }

  @Override
  public int discardAbandoned() {
    Instant cutoff = Instant.now().minus(Duration.ofMinutes(idleMinutes));
    int discarded = 0;
    for (IncomingUpload upload : sessions.idleSince(cutoff)) {
      discard(upload);
      discarded++;
    }
    // Files left by a portal that stopped mid-upload have no session any more.
    try (Stream<Path> files = Files.list(volumes.incomingDirectory())) {
      for (Path file : files.toList()) {
        if (!sessions.isOpen(file)
            && Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
          Files.deleteIfExists(file);
          discarded++;
        }
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Could not sweep the incoming folder", e);
    }
    return discarded;
  }

  private void discard(IncomingUpload upload) {
    sessions.close(upload);
    upload.discard();
  }

  private static String checkedName(String fileName) {
    try {
      return FileNames.displayName(fileName);
    } catch (IllegalArgumentException e) {
      throw new PortalException(Kind.INVALID, e.getMessage());
    }
  }

  private void checkSize(UploadRequest request) {
    if (request.sizeBytes() <= 0) {
      throw new PortalException(Kind.INVALID, "The file is empty.");
    }
    if (request.sizeBytes() > maxBytes) {
      throw new PortalException(
          Kind.TOO_LARGE,
          "The file is "
              + inMib(request.sizeBytes())
              + " MiB; uploads are limited to "
              + inMib(maxBytes)
              + " MiB.");
    }
    if (request.kind() == UploadKind.ISO
        && request.sizeBytes() < DiskImageFormats.ISO9660_MIN_BYTES) {
      throw new PortalException(Kind.UNSUPPORTED, "The file is too small to be an ISO image.");
    }
  }

  private void checkIsoRights(Actor actor, long sizeBytes) {
    if (actor.isPlatformAdmin()) {
      return;
    }
    Tenant tenant = actor.tenantId() == null ? null : tenants.find(actor.tenantId()).orElse(null);
    if (tenant == null || !tenant.isAllowPersonalIsos()) {
      throw new PortalException(Kind.FORBIDDEN, "Your tenant does not allow personal ISO uploads.");
    }
    long used = isos.personalBytes(tenant.getId());
    long quota = tenant.getMaxDiskGib() * GIB;
    if (used + sizeBytes > quota) {
      throw new PortalException(
          Kind.TOO_LARGE,
          "This upload would exceed your tenant's storage quota ("
              + inMib(used)
              + " MiB of "
              + inMib(quota)
              + " MiB used).");
    }
  }

  private void checkImportRights(Actor actor, UploadRequest request) {
    if (!actor.isPlatformAdmin()) {
      throw new PortalException(Kind.FORBIDDEN, "Only platform admins can import base images.");
    }
    BaseImageNames.check(request.baseImageName(), request.osName(), request.osVersion());
    if (baseImages.findByName(request.baseImageName().strip()).isPresent()) {
      throw BaseImageNames.taken(request.baseImageName().strip());
    }
  }

  private static long inMib(long bytes) {
    return (bytes + MIB - 1) / MIB;
  }
}

package org.vmportal.interfaces.scheduling;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.vmportal.application.Actor;
import org.vmportal.application.BaseImageService;
import org.vmportal.application.PortalException;
import org.vmportal.application.UploadKind;
import org.vmportal.application.UploadRequest;
import org.vmportal.application.UploadService;
import org.vmportal.application.UploadStatus;
import org.vmportal.domain.model.image.BaseImageRepository;

/**
 * Seeds a fresh install's catalog with the project's demo OS, so a guest can create a VM at once:
 * uploads {@code demo-linux.iso} to the ISO catalog and imports {@code demo-linux.qcow2} (the same
 * system as a bootable disk) as the sealed base image "Demo Linux". Both go through the same upload
 * path as a person's files. Runs at start-up when {@code portal.catalog.seed-dir} is set; a second
 * start finds them there and does nothing.
 */
@Startup
@Singleton
@DependsOn({"SchemaMigration", "LibvirtStartup"})
public class DemoCatalogSeeder {

  /** The seeded base image's catalog name. */
  public static final String BASE_IMAGE_NAME = "Demo Linux";

  private static final Logger LOG = Logger.getLogger(DemoCatalogSeeder.class.getName());
  private static final long CHUNK_BYTES = 32L << 20;

  @Inject
  @ConfigProperty(name = "portal.catalog.seed-dir")
  Optional<String> seedDir;

  @Inject
  @ConfigProperty(name = "portal.catalog.seed-os-version", defaultValue = "1.0")
  String osVersion;

  @Inject private UploadService uploads;
  @Inject private BaseImageService baseImages;
  @Inject private BaseImageRepository baseImageRepository;

  @PostConstruct
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void seed() {
    if (seedDir.isEmpty()) {
      return;
    }
    Path iso = Path.of(seedDir.get(), "demo-linux.iso");
    Path disk = Path.of(seedDir.get(), "demo-linux.qcow2");
    if (!Files.isRegularFile(iso) || !Files.isRegularFile(disk)) {
      LOG.log(Level.WARNING, "No demo OS in {0}; run demo-os/build.sh", seedDir.get());
      return;
    }
    // Seeding must never stop the portal from starting: a failure is logged and the catalog stays
    // as it is.
    try {
      Actor system = Actor.system();
      try {
        upload(system, UploadRequest.iso(iso.getFileName().toString(), Files.size(iso)), iso);
        LOG.info("Seeded the ISO catalog with " + iso.getFileName());
      } catch (PortalException e) {
        if (e.getKind() != PortalException.Kind.CONFLICT) {
          throw e;
        } // already in the catalog
      }
      if (baseImageRepository.findByName(BASE_IMAGE_NAME).isEmpty()) {
        UploadStatus imported =
            upload(
                system,
                new UploadRequest(
                    UploadKind.QCOW2,
                    disk.getFileName().toString(),
                    Files.size(disk),
                    BASE_IMAGE_NAME,
                    "Demo Linux",
                    osVersion),
                disk);
        baseImages.seal(system, imported.resultId());
        LOG.info("Seeded the sealed base image " + BASE_IMAGE_NAME);
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "Seeding the demo catalog failed", e);
    }
  }

  private UploadStatus upload(Actor actor, UploadRequest request, Path file) throws IOException {
    UploadStatus status = uploads.begin(actor, request);
    try (InputStream in = Files.newInputStream(file)) {
      while (!status.isComplete()) {
        long length = Math.min(CHUNK_BYTES, request.sizeBytes() - status.receivedBytes());
        // Each append reads exactly `length` bytes, so one stream serves every chunk.
        status = uploads.append(actor, status.uploadId(), status.receivedBytes(), in, length);
      }
    }
    return status;
  }
}

package org.vmportal.interfaces.scheduling;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.vmportal.domain.model.image.BaseImageRepository;
import org.vmportal.domain.service.StoragePool;
import org.vmportal.infrastructure.libvirt.LibvirtConfiguration;
import org.vmportal.infrastructure.libvirt.LibvirtVolumeStore;

/**
 * With {@code portal.libvirt.accelerator=auto}, settles the accelerator once the demo OS is in the
 * catalog: in the background, so the portal serves (with TCG) while the probe boots its guest.
 */
@Startup
@Singleton
@DependsOn("DemoCatalogSeeder")
public class AcceleratorProbe {

  private static final Logger LOG = Logger.getLogger(AcceleratorProbe.class.getName());

  @Inject private LibvirtConfiguration libvirt;
  @Inject private LibvirtVolumeStore volumes;
  @Inject private BaseImageRepository baseImages;
  @Resource private ManagedExecutorService executor;

  @PostConstruct
  void start() {
    // Only then: a task submitted here runs with a copy of this EJB call's context, the kind
    // of copy that once closed a create's EntityManagers (docs/dashboards.md).
    if (libvirt.isAutoAccelerator()) {
      executor.submit(this::settle);
    }
  }

  private void settle() {
    try {
      baseImages
          .findByName(DemoCatalogSeeder.BASE_IMAGE_NAME)
          .flatMap(image -> volumes.find(StoragePool.BASE_IMAGES, image.getVolumeName()))
          .ifPresentOrElse(
              demo ->
                  libvirt
                      .settleAutoAccelerator(demo)
                      .ifPresent(
                          result ->
                              LOG.log(
                                  Level.INFO,
                                  "Accelerator auto: {0} ({1}, probe took {2} ms)",
                                  new Object[] {
                                    result.accelerator(), result.reason(), result.millis()
                                  })),
              () ->
                  LOG.warning("Accelerator auto: no demo OS to probe KVM with; staying with TCG"));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Accelerator auto: the probe failed; staying with TCG", e);
    }
  }
}

package org.vmportal.infrastructure.libvirt;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.vmportal.domain.model.host.HostRepository;
import org.vmportal.domain.service.StorageException;

/**
 * Points the local host's row at the configured libvirt URI and sets up the portal's storage pools
 * when the application starts. A pool failure (libvirtd down, a pool name taken by a foreign pool)
 * is logged, not fatal: the store sets a missing pool up again on its first use, and the rest of
 * the portal stays reachable to show the problem.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
public class LibvirtStartup {

  private static final Logger LOG = Logger.getLogger(LibvirtStartup.class.getName());

  @Inject LibvirtVolumeStore volumeStore;
  @Inject LibvirtConfiguration libvirt;
  @Inject HostRepository hosts;

  @PostConstruct
  void start() {
    hosts.pointLocalHostAt(libvirt.localUri());
    try {
      volumeStore.ensurePools();
      LOG.log(Level.INFO, "Storage pools ready under {0}", volumeStore.layout().root());
    } catch (StorageException e) {
      LOG.log(Level.SEVERE, "Storage pools are not ready: " + e.getMessage(), e);
    }
  }
}

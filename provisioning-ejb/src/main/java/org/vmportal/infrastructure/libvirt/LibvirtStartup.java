package org.vmportal.infrastructure.libvirt;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.vmportal.domain.service.StorageException;

/**
 * Sets up the portal's storage pools when the application starts. A failure (libvirtd down, a pool
 * name taken by a foreign pool) is logged, not fatal: the store sets a missing pool up again on its
 * first use, and the rest of the portal stays reachable to show the problem.
 */
@Startup
@Singleton
public class LibvirtStartup {

  private static final Logger LOG = Logger.getLogger(LibvirtStartup.class.getName());

  @Inject LibvirtVolumeStore volumeStore;

  @PostConstruct
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void ensurePools() {
    try {
      volumeStore.ensurePools();
      LOG.log(Level.INFO, "Storage pools ready under {0}", volumeStore.layout().root());
    } catch (StorageException e) {
      LOG.log(Level.SEVERE, "Storage pools are not ready: " + e.getMessage(), e);
    }
  }
}

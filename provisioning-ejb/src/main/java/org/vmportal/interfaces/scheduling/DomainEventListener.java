package org.vmportal.interfaces.scheduling;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.vmportal.application.ReconciliationService;
import org.vmportal.domain.service.Hypervisor;
import org.vmportal.domain.service.HypervisorException;

/** Hands libvirt's domain events to the reconciliation service, so a crash is marked at once. */
@Startup
@Singleton
@DependsOn("LibvirtStartup")
public class DomainEventListener {

  private static final Logger LOG = Logger.getLogger(DomainEventListener.class.getName());

  @Inject private Hypervisor hypervisor;
  @Inject private ReconciliationService reconciliation;

  private Hypervisor.Subscription subscription;

  @PostConstruct
  void subscribe() {
    try {
      subscription = hypervisor.onLifecycleEvent(reconciliation::domainChanged);
    } catch (HypervisorException e) {
      // The reconcile timer still catches every change, only later.
      LOG.log(Level.WARNING, "No libvirt events; relying on the reconcile timer", e);
    }
  }

  @PreDestroy
  void unsubscribe() {
    if (subscription != null) {
      subscription.close();
    }
  }
}

package org.vmportal.interfaces.scheduling;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.vmportal.application.ReconciliationService;
import org.vmportal.domain.service.Hypervisor;
import org.vmportal.domain.service.HypervisorException;
import org.vmportal.domain.service.Hypervisors;

/**
 * Hands every host's libvirt domain events to the reconciliation service, so a crash is marked at
 * once. Hosts added to the table later are subscribed to within a minute; a host that refused is
 * tried again then.
 */
@Startup
@Singleton
@DependsOn("LibvirtStartup")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DomainEventListener {

  private static final Logger LOG = Logger.getLogger(DomainEventListener.class.getName());

  @Inject private Hypervisors hypervisors;
  @Inject private ReconciliationService reconciliation;

  private final Map<Long, Hypervisor.Subscription> subscriptions = new HashMap<>();

  @PostConstruct
  void start() {
    subscribeToEveryHost();
  }

  @Schedule(hour = "*", minute = "*", persistent = false)
  void subscribeToEveryHost() {
    Map<Long, Hypervisor> hosts = hypervisors.byHost();
    subscriptions
        .entrySet()
        .removeIf(
            subscribed -> {
              boolean gone = !hosts.containsKey(subscribed.getKey());
              if (gone) {
                subscribed.getValue().close();
              }
              return gone;
            });
    hosts.forEach(
        (hostId, hypervisor) -> {
          if (subscriptions.containsKey(hostId)) {
            return;
          }
          try {
            subscriptions.put(
                hostId,
                hypervisor.onLifecycleEvent(event -> reconciliation.domainChanged(hostId, event)));
          } catch (HypervisorException e) {
            // The reconcile timer still catches every change, only later.
            LOG.log(
                Level.WARNING,
                "No libvirt events from host {0} yet, relying on the reconcile timer: {1}",
                new Object[] {hostId, e.getMessage()});
          }
        });
  }

  @PreDestroy
  void unsubscribe() {
    subscriptions.values().forEach(Hypervisor.Subscription::close);
    subscriptions.clear();
  }
}

package org.vmportal.infrastructure.libvirt;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.event.DomainEvent;
import org.libvirt.event.DomainEventDetail;
import org.libvirt.event.LifecycleListener;
import org.vmportal.domain.service.DomainLifecycleEvent;
import org.vmportal.domain.service.DomainState;
import org.vmportal.domain.service.Hypervisor;
import org.vmportal.infrastructure.concurrent.DaemonExecutors;

/**
 * One subscriber's domain life-cycle events. libvirt calls {@link #onLifecycleChange} on its
 * event-loop thread, which must not block (it also carries keepalive messages), so the event is
 * translated there and handed to a thread of this subscription's own, which calls the subscriber in
 * order.
 */
final class LifecycleSubscription implements Hypervisor.Subscription, LifecycleListener {

  private static final Logger LOG = Logger.getLogger(LifecycleSubscription.class.getName());
  private static final AtomicInteger COUNT = new AtomicInteger();

  private final LibvirtConnection connection;
  private final Consumer<DomainLifecycleEvent> subscriber;
  private final ExecutorService deliveries;

  private LifecycleSubscription(
      LibvirtConnection connection, Consumer<DomainLifecycleEvent> subscriber) {
    this.connection = connection;
    this.subscriber = subscriber;
    this.deliveries =
        DaemonExecutors.inOrder("vmportal-lifecycle-events-" + COUNT.incrementAndGet());
  }

  /** Subscribes {@code subscriber} to the events of every domain on {@code connection}. */
  static LifecycleSubscription open(
      LibvirtConnection connection, Consumer<DomainLifecycleEvent> subscriber) {
    LifecycleSubscription subscription = new LifecycleSubscription(connection, subscriber);
    try {
      connection.addLifecycleListener(subscription);
    } catch (RuntimeException e) {
      subscription.deliveries.shutdown();
      throw e;
    }
    return subscription;
  }

  @Override
  public int onLifecycleChange(Domain domain, DomainEvent event) {
    try {
      translate(domain.getName(), event)
          .ifPresent(translated -> deliveries.execute(() -> deliver(translated)));
    } catch (LibvirtException e) {
      LOG.log(Level.WARNING, "Dropped a domain event whose domain has no name: " + event, e);
    } catch (RejectedExecutionException e) {
      // Closed while libvirt was delivering: the subscriber asked for no more events.
    }
    return 0;
  }

  private void deliver(DomainLifecycleEvent event) {
    try {
      subscriber.accept(event);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "A domain event listener failed on " + event, e);
    }
  }

  /**
   * The portal's view of a libvirt event; empty for (re)definitions, which change no state.
   *
   * @param domainName the domain's name
   * @param event what libvirt reported
   * @return the event, if it changes the domain's state
   */
  static Optional<DomainLifecycleEvent> translate(String domainName, DomainEvent event) {
    DomainState state =
        switch (event.getType()) {
          case STARTED, RESUMED -> DomainState.RUNNING;
          case SUSPENDED -> DomainState.PAUSED;
          case SHUTDOWN -> DomainState.SHUTTING_DOWN;
          case STOPPED -> DomainState.SHUTOFF;
          case CRASHED -> DomainState.CRASHED;
          case PMSUSPENDED -> DomainState.SUSPENDED;
          case UNDEFINED -> DomainState.ABSENT;
          case UNKNOWN -> DomainState.UNKNOWN;
          case DEFINED -> null;
        };
    if (state == null) {
      return Optional.empty();
    }
    DomainEventDetail detail = event.getDetail();
    String reason = detail == null ? "unknown" : detail.toString().toLowerCase(Locale.ROOT);
    return Optional.of(new DomainLifecycleEvent(domainName, state, reason));
  }

  @Override
  public void close() {
    connection.removeLifecycleListener(this);
    deliveries.shutdown();
  }
}

package org.vmportal.interfaces.push;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.faces.push.Push;
import jakarta.faces.push.PushContext;
import jakarta.inject.Inject;
import java.util.concurrent.ExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.vmportal.domain.model.vm.VmChanged;
import org.vmportal.infrastructure.concurrent.DaemonExecutors;

/**
 * Tells open pages that VMs changed, once the change is committed. The message says only that
 * something changed; each page then reloads what its own user may see through the services, so no
 * VM data travels on the socket. The guests' channel is addressed by user id: a VM's change reaches
 * its owner's pages and nobody else's. The admins' channel is only rendered on admin pages.
 *
 * <p>The pushes leave from a thread of the relay's own, never from the thread that made the change.
 * That thread is inside a service's EJB call, and each push restarts the socket's idle timer on
 * Payara's managed scheduler, which copies the current call's context for the timer. Payara's copy
 * of an EJB call shares the call's registry of non-transactional EntityManagers: the copy emptied
 * it, and closed the call's EntityManager when the timer ended, so a create could answer 500
 * ("closed EntityManager") after its VM was made.
 */
@ApplicationScoped
public class VmPushRelay {

  private static final Logger LOG = Logger.getLogger(VmPushRelay.class.getName());

  /** The guest dashboard's channel, one per signed-in user ({@code user} attribute). */
  public static final String OWN_VMS = "ownVms";

  /** The admin VM table's channel. */
  public static final String ALL_VMS = "allVms";

  /** The one message: pages refresh on it. */
  static final String CHANGED = "vmChanged";

  @Inject
  @Push(channel = OWN_VMS)
  private PushContext ownVms;

  @Inject
  @Push(channel = ALL_VMS)
  private PushContext allVms;

  /**
   * One thread, so the pushes leave in the order of the changes. Payara gives a thread started from
   * an EJB call no invocation of its own, so the sends carry no EJB context.
   */
  private final ExecutorService sender = DaemonExecutors.inOrder("vm-push-relay");

  void relay(@Observes(during = TransactionPhase.AFTER_SUCCESS) VmChanged change) {
    sender.execute(
        () -> {
          try {
            ownVms.send(CHANGED, change.ownerId());
            allVms.send(CHANGED);
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not push a VM change to open pages", e);
          }
        });
  }

  @PreDestroy
  void stop() {
    sender.shutdownNow();
  }
}

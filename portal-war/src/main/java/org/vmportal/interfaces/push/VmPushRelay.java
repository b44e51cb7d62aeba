package org.vmportal.interfaces.push;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.faces.push.Push;
import jakarta.faces.push.PushContext;
import jakarta.inject.Inject;
import org.vmportal.domain.model.vm.VmChanged;

/**
 * Tells open pages that VMs changed, once the change is committed. The message says only that
 * something changed; each page then reloads what its own user may see through the services, so no
 * VM data travels on the socket. The guests' channel is addressed by user id: a VM's change reaches
 * its owner's pages and nobody else's. The admins' channel is only rendered on admin pages.
 */
@ApplicationScoped
public class VmPushRelay {

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

  void relay(@Observes(during = TransactionPhase.AFTER_SUCCESS) VmChanged change) {
    ownVms.send(CHANGED, change.ownerId());
    allVms.send(CHANGED);
  }
}

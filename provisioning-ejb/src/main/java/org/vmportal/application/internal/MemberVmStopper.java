package org.vmportal.application.internal;

import jakarta.annotation.Resource;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.vmportal.application.AccessRevoked;
import org.vmportal.application.AccessRevoked.VmStop;
import org.vmportal.application.Actor;
import org.vmportal.application.PortalException;
import org.vmportal.application.VmService;
import org.vmportal.domain.model.vm.VirtualMachine;
import org.vmportal.domain.model.vm.VmRepository;

/**
 * Stops a person's running VMs when their access is revoked: at once for a disabled person (before
 * the admin's request returns), gracefully in the background for a sign-out in a tenant that asks
 * for it. Each stop goes through {@link VmService} as the portal itself, so it is locked and
 * audited like any other.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MemberVmStopper {

  private static final Logger LOG = Logger.getLogger(MemberVmStopper.class.getName());

  @Inject private VmRepository vms;
  @Inject private VmService vmService;
  @Resource private SessionContext context;

  /**
   * Runs after the revoking change committed.
   *
   * @param revoked whose access changed, and what to do with their VMs
   */
  public void onRevoked(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccessRevoked revoked) {
    if (revoked.vmStop() == VmStop.FORCED) {
      powerOff(revoked);
    } else if (revoked.vmStop() == VmStop.GRACEFUL) {
      // Through the container, so that it runs in the background.
      context.getBusinessObject(MemberVmStopper.class).shutDown(revoked);
    }
  }

  private void powerOff(AccessRevoked revoked) {
    for (VirtualMachine vm : vms.findByOwner(revoked.userId())) {
      if (vm.isPoweredOn()) {
        stop(revoked, vm, () -> vmService.forceStop(Actor.system(), vm.getId()));
      }
    }
  }

  /**
   * Shuts the person's running VMs down one after another, in the background (each may take the
   * stop timeout).
   *
   * @param revoked whose VMs
   */
  @Asynchronous
  public void shutDown(AccessRevoked revoked) {
    for (VirtualMachine vm : vms.findByOwner(revoked.userId())) {
      if (vm.isPoweredOn()) {
        stop(revoked, vm, () -> vmService.stop(Actor.system(), vm.getId()));
      }
    }
  }

  private static void stop(AccessRevoked revoked, VirtualMachine vm, Runnable stop) {
    try {
      stop.run();
      LOG.log(
          Level.INFO,
          "Stopped {0} of {1}: {2}",
          new Object[] {vm.getName(), revoked.username(), revoked.reason()});
    } catch (PortalException e) {
      // It stopped meanwhile, or the hypervisor failed: the reconciler sees to it.
      LOG.log(
          Level.WARNING,
          "Could not stop " + vm.getName() + " of " + revoked.username() + ": " + e.getMessage());
    }
  }
}

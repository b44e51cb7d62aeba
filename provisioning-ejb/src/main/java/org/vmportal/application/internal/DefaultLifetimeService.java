package org.vmportal.application.internal;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.vmportal.application.Actor;
import org.vmportal.application.LifetimeService;
import org.vmportal.application.PortalException;
import org.vmportal.application.VmService;
import org.vmportal.domain.model.audit.AuditTarget;
import org.vmportal.domain.model.vm.VirtualMachine;
import org.vmportal.domain.model.vm.VmRepository;
import org.vmportal.domain.model.vm.VmState;

/**
 * Frees the host from VMs nobody uses. A running VM with no console open and no start, resume or
 * console use for {@code portal.vm.idle-hibernate-minutes} (60) is hibernated: its memory goes to
 * disk and it wakes where it was. A VM unused for {@code portal.vm.expire-days} (30) is wiped. Zero
 * turns either off. Open consoles record use every 30 s, so a VM someone is looking at never counts
 * as idle. Both are audited as the system's actions.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DefaultLifetimeService implements LifetimeService {

  private static final Logger LOG = Logger.getLogger(DefaultLifetimeService.class.getName());

  @Inject private VmRepository vms;
  @Inject private VmService vmService;
  @Inject private AuditLog audit;

  @Inject
  @ConfigProperty(name = "portal.vm.idle-hibernate-minutes", defaultValue = "60")
  long idleMinutes;

  @Inject
  @ConfigProperty(name = "portal.vm.expire-days", defaultValue = "30")
  long expireDays;

  @Override
  public int apply() {
    Instant now = Instant.now();
    int acted = 0;
    if (expireDays > 0) {
      for (VirtualMachine vm :
          vms.findInactiveSince(
              now.minus(Duration.ofDays(expireDays)),
              List.of(
                  VmState.STOPPED,
                  VmState.HIBERNATED,
                  VmState.ERROR,
                  VmState.RUNNING,
                  VmState.PAUSED))) {
        acted += act(vm, "VM_EXPIRED", "unused since " + vm.getLastActivityAt(), true);
      }
    }
    if (idleMinutes > 0) {
      for (VirtualMachine vm :
          vms.findInactiveSince(
              now.minus(Duration.ofMinutes(idleMinutes)), List.of(VmState.RUNNING))) {
        acted +=
            act(
                vm,
                "VM_IDLE_HIBERNATED",
                "no console or start since " + vm.getLastActivityAt(),
                false);
      }
    }
    return acted;
  }

  private int act(VirtualMachine vm, String action, String why, boolean wipe) {
    try {
      if (wipe) {
        vmService.wipe(Actor.system(), vm.getId());
      } else {
        vmService.hibernate(Actor.system(), vm.getId());
      }
      audit.success(
          Actor.system(),
          action,
          new AuditTarget("vm", Long.toString(vm.getId())),
          vm.getName() + ": " + why);
      return 1;
    } catch (PortalException e) {
      // Busy with an operation, or its state changed meanwhile: the next pass looks again.
      LOG.log(
          Level.INFO,
          "{0} of {1} skipped: {2}",
          new Object[] {action, vm.getName(), e.getMessage()});
      return 0;
    }
  }
}

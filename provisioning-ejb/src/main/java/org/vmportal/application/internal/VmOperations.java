package org.vmportal.application.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.function.Function;
import org.vmportal.application.Actor;
import org.vmportal.application.PortalException;
import org.vmportal.application.PortalException.Kind;
import org.vmportal.domain.model.audit.AuditTarget;
import org.vmportal.domain.model.vm.VirtualMachine;

/**
 * How every operation on an existing VM runs: under the VM's lock, only for its owner or a platform
 * admin (anyone else is told there is no such VM), and audited whatever the outcome.
 */
@ApplicationScoped
public class VmOperations {

  @Inject private VmLedger ledger;
  @Inject private VmLocks locks;
  @Inject private AuditLog audit;

  /**
   * Runs one operation.
   *
   * @param actor who asks
   * @param vmId the VM
   * @param action the audit action, e.g. {@code VM_STARTED}
   * @param operation what to do with the VM, read fresh under its lock
   * @param <T> the operation's result
   * @return the result
   * @throws PortalException when refused (audited as refused)
   */
  public <T> T run(Actor actor, long vmId, String action, Function<VirtualMachine, T> operation) {
    AuditTarget target = new AuditTarget("vm", Long.toString(vmId));
    try {
      return locks.with(
          vmId,
          () -> {
            VirtualMachine vm = ledger.owned(actor, vmId);
            T result = operation.apply(vm);
            String detail = VmProvisioner.describe(vm);
            if (!Long.valueOf(vm.getOwnerId()).equals(actor.userId())) {
              detail += "; by a platform admin on another user's VM";
            }
            audit.success(actor, action, target, detail);
            return result;
          });
    } catch (PortalException e) {
      audit.refused(actor, action, target, e.getMessage());
      throw e;
    }
  }

  /**
   * The refusal of an operation the VM's current state does not allow.
   *
   * @param vm the VM
   * @param hint what would make it possible, or empty
   * @return a {@link Kind#CONFLICT} naming the VM and its state
   */
  public static PortalException notNow(VirtualMachine vm, String hint) {
    return new PortalException(
        Kind.CONFLICT,
        "\u201c"
            + vm.getName()
            + "\u201d is "
            + vm.getState().name().toLowerCase(Locale.ROOT)
            + (hint.isEmpty() ? "." : "; " + hint));
  }
}

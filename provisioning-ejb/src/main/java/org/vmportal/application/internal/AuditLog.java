package org.vmportal.application.internal;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import org.vmportal.application.Actor;
import org.vmportal.domain.model.audit.AuditEvent;
import org.vmportal.domain.model.audit.AuditRepository;
import org.vmportal.domain.model.audit.AuditTarget;
import org.vmportal.domain.model.audit.Outcome;

/**
 * Writes the audit trail for the application services. A success is written in the caller's
 * transaction (it exists only if the change does); a refusal or failure in a transaction of its
 * own, so it survives the rollback of the refused change.
 */
@Stateless
public class AuditLog {

  @Inject private AuditRepository audit;

  /**
   * Records a completed action.
   *
   * @param actor who did it
   * @param action what, such as {@code ISO_UPLOADED}
   * @param target on what, or {@code null}
   * @param detail free text, or {@code null}
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public void success(Actor actor, String action, AuditTarget target, String detail) {
    append(actor, action, target, Outcome.SUCCESS, detail);
  }

  /**
   * Records a refused request.
   *
   * @param actor who asked
   * @param action what they asked for
   * @param target on what, or {@code null}
   * @param reason the message they were given
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void refused(Actor actor, String action, AuditTarget target, String reason) {
    append(actor, action, target, Outcome.REFUSED, reason);
  }

  /**
   * Records an action that failed part-way and was undone.
   *
   * @param actor who asked
   * @param action what was attempted
   * @param target on what, or {@code null}
   * @param reason what went wrong
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void failed(Actor actor, String action, AuditTarget target, String reason) {
    append(actor, action, target, Outcome.FAILED, reason);
  }

  private void append(
      Actor actor, String action, AuditTarget target, Outcome outcome, String detail) {
    audit.append(
        new AuditEvent(
            Instant.now(),
            actor.username(),
            actor.tenantId(),
            action,
            target,
            outcome,
            detail,
            actor.clientAddress()));
  }
}

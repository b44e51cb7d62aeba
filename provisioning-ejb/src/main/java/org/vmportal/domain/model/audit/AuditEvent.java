package org.vmportal.domain.model.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of the audit trail. Written once, never changed: who ({@code actor}) did what ({@code
 * action}) to which resource, when, from which address, and how it ended.
 */
@Entity
@Table(name = "audit_events")
@NamedQuery(
    name = "AuditEvent.findRecent",
    query = "SELECT e FROM AuditEvent e ORDER BY e.occurredAt DESC, e.id DESC")
public class AuditEvent {

  /** Longest detail text kept; longer text is cut, so an audit line never fails to be written. */
  static final int MAX_DETAIL = 1024;

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "occurred_at", nullable = false, updatable = false)
  private Instant occurredAt;

  @Column(nullable = false, updatable = false, length = 128)
  private String actor;

  @Column(name = "tenant_id", updatable = false)
  private Long tenantId;

  @Column(nullable = false, updatable = false, length = 64)
  private String action;

  @Column(name = "target_type", updatable = false, length = 32)
  private String targetType;

  @Column(name = "target_id", updatable = false, length = 64)
  private String targetId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false, length = 16)
  private Outcome outcome;

  @Column(updatable = false, length = MAX_DETAIL)
  private String detail;

  @Column(name = "client_address", updatable = false, length = 64)
  private String clientAddress;

  protected AuditEvent() {}

  /**
   * A new audit line.
   *
   * @param occurredAt when it happened
   * @param actor the username, or {@code system} for background work
   * @param tenantId the tenant concerned, or {@code null}
   * @param action what was done, such as {@code SIGN_IN}
   * @param target the resource acted on, or {@code null}
   * @param outcome how it ended
   * @param detail free text for people, may be {@code null}
   * @param clientAddress the caller's address, or {@code null} for background work
   */
  public AuditEvent(
      Instant occurredAt,
      String actor,
      Long tenantId,
      String action,
      AuditTarget target,
      Outcome outcome,
      String detail,
      String clientAddress) {
    this.occurredAt = Objects.requireNonNull(occurredAt, "occurredAt");
    this.actor = Objects.requireNonNull(actor, "actor");
    this.tenantId = tenantId;
    this.action = Objects.requireNonNull(action, "action");
    if (target != null) {
      this.targetType = target.type();
      this.targetId = target.id();
    }
    this.outcome = Objects.requireNonNull(outcome, "outcome");
    this.detail =
        detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
    this.clientAddress = clientAddress;
  }

  public Long getId() {
    return id;
  }

  public Instant getOccurredAt() {
    return occurredAt;
  }

  public String getActor() {
    return actor;
  }

  public Long getTenantId() {
    return tenantId;
  }

  public String getAction() {
    return action;
  }

  public String getTargetType() {
    return targetType;
  }

  public String getTargetId() {
    return targetId;
  }

  public Outcome getOutcome() {
    return outcome;
  }

  public String getDetail() {
    return detail;
  }

  public String getClientAddress() {
    return clientAddress;
  }
}

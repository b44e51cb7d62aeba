package org.vmportal.domain.model.audit;

import java.util.List;

/** The audit trail: append-only. */
public interface AuditRepository {

  /**
   * Appends an event.
   *
   * @param event the event
   */
  void append(AuditEvent event);

  /**
   * The newest events first.
   *
   * @param limit how many at most
   * @return the events
   */
  List<AuditEvent> findRecent(int limit);
}

package org.vmportal.domain.model.audit;

import java.time.Instant;
import java.util.List;

/** The read side of the audit trail for the admin log page: filtered and paged, newest first. */
public interface AuditTrail {

  /**
   * One page of events, newest first.
   *
   * @param filter what to keep
   * @param first the offset of the first event
   * @param max how many at most
   * @return the events
   */
  List<AuditEvent> find(AuditFilter filter, int first, int max);

  /**
   * How many events the filter keeps.
   *
   * @param filter what to keep
   * @return the count
   */
  long count(AuditFilter filter);

  /**
   * Every action name the trail holds, for a filter's choices.
   *
   * @return the names, sorted
   */
  List<String> actions();

  /**
   * A filter; {@code null} fields do not filter.
   *
   * @param actor part of the acting username ({@code system} for the portal itself)
   * @param vm a VM's id, or part of its name as the event's detail records it
   * @param action the action, such as {@code VM_STARTED}
   * @param outcome how it ended
   * @param from at or after
   * @param to before
   */
  record AuditFilter(
      String actor, String vm, String action, Outcome outcome, Instant from, Instant to) {

    /** No filter at all. */
    public static AuditFilter all() {
      return new AuditFilter(null, null, null, null, null, null);
    }
  }
}

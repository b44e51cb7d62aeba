package org.vmportal.application;

import java.util.List;
import org.vmportal.domain.model.audit.AuditEvent;
import org.vmportal.domain.model.audit.AuditTrail.AuditFilter;

/** The audit trail for platform admins: filtered, paged, and exported. */
public interface AuditQueryService {

  /** The most events one export holds. */
  int MAX_EXPORT = 50_000;

  /**
   * One page of events, newest first.
   *
   * @param actor a platform admin
   * @param filter what to keep
   * @param first the first event's offset
   * @param max how many, at most 500
   * @return the events
   * @throws PortalException FORBIDDEN for anyone but a platform admin
   */
  List<AuditEvent> find(Actor actor, AuditFilter filter, int first, int max);

  /**
   * How many events the filter keeps.
   *
   * @param actor a platform admin
   * @param filter what to keep
   * @return the count
   */
  long count(Actor actor, AuditFilter filter);

  /**
   * The action names in the trail.
   *
   * @param actor a platform admin
   * @return the names, sorted
   */
  List<String> actions(Actor actor);

  /**
   * The events for an export, newest first, at most {@link #MAX_EXPORT}; the export is audited.
   *
   * @param actor a platform admin
   * @param filter what to keep
   * @return the events
   */
  List<AuditEvent> export(Actor actor, AuditFilter filter);
}

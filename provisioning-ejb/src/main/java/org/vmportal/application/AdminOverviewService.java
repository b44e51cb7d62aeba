package org.vmportal.application;

import java.util.List;
import org.vmportal.domain.model.audit.AuditEvent;

/** What a platform admin sees first: how big the platform is and what happened last. */
public interface AdminOverviewService {

  /**
   * Counts and the latest audit events.
   *
   * @param recentEvents how many audit events to include
   * @return the overview
   */
  Overview overview(int recentEvents);

  /**
   * The platform at a glance.
   *
   * @param tenants how many tenants exist
   * @param users how many users have signed in
   * @param recentEvents the newest audit events first
   */
  record Overview(long tenants, long users, List<AuditEvent> recentEvents) {}
}

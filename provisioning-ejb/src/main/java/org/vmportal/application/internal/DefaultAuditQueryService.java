package org.vmportal.application.internal;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import org.vmportal.application.Actor;
import org.vmportal.application.AuditQueryService;
import org.vmportal.domain.model.audit.AuditEvent;
import org.vmportal.domain.model.audit.AuditTrail;
import org.vmportal.domain.model.audit.AuditTrail.AuditFilter;

/** Reads the trail through {@link AuditTrail}. */
@Stateless
public class DefaultAuditQueryService implements AuditQueryService {

  private static final String ADMINS_ONLY = "Only platform admins read the audit trail.";

  private static final int MAX_PAGE = 500;

  @Inject private AuditTrail trail;
  @Inject private AuditLog audit;

  @Override
  public List<AuditEvent> find(Actor actor, AuditFilter filter, int first, int max) {
    actor.requirePlatformAdmin(ADMINS_ONLY);
    return trail.find(filter, first, Math.min(max, MAX_PAGE));
  }

  @Override
  public long count(Actor actor, AuditFilter filter) {
    actor.requirePlatformAdmin(ADMINS_ONLY);
    return trail.count(filter);
  }

  @Override
  public List<String> actions(Actor actor) {
    actor.requirePlatformAdmin(ADMINS_ONLY);
    return trail.actions();
  }

  @Override
  public List<AuditEvent> export(Actor actor, AuditFilter filter) {
    actor.requirePlatformAdmin(ADMINS_ONLY);
    List<AuditEvent> events = trail.find(filter, 0, MAX_EXPORT);
    audit.success(actor, "AUDIT_EXPORTED", null, events.size() + " events; " + filter);
    return events;
  }
}

package org.vmportal.infrastructure.persistence.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.vmportal.domain.model.audit.AuditEvent;
import org.vmportal.domain.model.audit.AuditTrail;

/** The audit trail's read side in MariaDB/MySQL; every value is a bound parameter. */
@ApplicationScoped
public class JpaAuditTrail implements AuditTrail {

  @PersistenceContext(unitName = "portal")
  private EntityManager em;

  @Override
  @SuppressWarnings("unchecked")
  public List<AuditEvent> find(AuditFilter filter, int first, int max) {
    List<Object> values = new ArrayList<>();
    Query query =
        em.createNativeQuery(
            "SELECT * FROM audit_events"
                + where(filter, values)
                + " ORDER BY occurred_at DESC, id DESC LIMIT "
                + Math.max(0, max)
                + " OFFSET "
                + Math.max(0, first),
            AuditEvent.class);
    bind(query, values);
    return query.getResultList();
  }

  @Override
  public long count(AuditFilter filter) {
    List<Object> values = new ArrayList<>();
    Query query = em.createNativeQuery("SELECT COUNT(*) FROM audit_events" + where(filter, values));
    bind(query, values);
    return ((Number) query.getSingleResult()).longValue();
  }

  @Override
  public List<String> actions() {
    List<String> actions = new ArrayList<>();
    for (Object action :
        em.createNativeQuery("SELECT DISTINCT action FROM audit_events ORDER BY action")
            .getResultList()) {
      actions.add((String) action);
    }
    return actions;
  }

  private static String where(AuditFilter f, List<Object> values) {
    StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
    if (SqlText.present(f.actor())) {
      sql.append(" AND actor LIKE ?");
      values.add(SqlText.contains(f.actor()));
    }
    if (SqlText.present(f.vm())) {
      String vm = f.vm().strip();
      if (vm.chars().allMatch(Character::isDigit)) {
        sql.append(" AND target_type = 'vm' AND target_id = ?");
        values.add(vm);
      } else {
        sql.append(" AND target_type = 'vm' AND detail LIKE ?");
        values.add(SqlText.contains(vm));
      }
    }
    if (SqlText.present(f.action())) {
      sql.append(" AND action = ?");
      values.add(f.action());
    }
    if (f.outcome() != null) {
      sql.append(" AND outcome = ?");
      values.add(f.outcome().name());
    }
    if (f.from() != null) {
      sql.append(" AND occurred_at >= ?");
      values.add(Timestamp.from(f.from()));
    }
    if (f.to() != null) {
      sql.append(" AND occurred_at < ?");
      values.add(Timestamp.from(f.to()));
    }
    return sql.toString();
  }

  private static void bind(Query query, List<Object> values) {
    for (int i = 0; i < values.size(); i++) {
      query.setParameter(i + 1, values.get(i));
    }
  }
}

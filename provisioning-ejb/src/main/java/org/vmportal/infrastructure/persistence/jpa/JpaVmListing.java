package org.vmportal.infrastructure.persistence.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.vmportal.domain.model.vm.VmListing;
import org.vmportal.domain.model.vm.VmState;

/**
 * The admin VM list in MariaDB/MySQL: native SQL, because sorting and filtering by joined names
 * over thousands of rows must stay cheap: only the joins a filter or sort needs, and names joined
 * to the page's rows only. Only whitelisted column names ever reach the SQL text; every value is a
 * bound parameter.
 */
@ApplicationScoped
public class JpaVmListing implements VmListing {

  /** The joins each alias needs; a query joins only the ones its filter and sort use. */
  private static final Map<String, String> JOINS =
      Map.of(
          "u", " JOIN users u ON u.id = v.owner_id",
          "t", " JOIN tenants t ON t.id = v.tenant_id",
          "h", " JOIN hosts h ON h.id = v.host_id",
          "b", " JOIN base_images b ON b.id = v.base_image_id");

  @PersistenceContext(unitName = "portal")
  private EntityManager em;

  /**
   * One page in two steps: the ids of the page, found with only the joins the filter and sort need
   * (by creation time that is an index scan of {@code vms} alone), then the names joined to those
   * rows only.
   */
  @Override
  public List<VmRow> find(VmSearch search, VmOrder order, int first, int max) {
    Where where = where(search);
    String column = column(order.field());
    where.needs.add(column.substring(0, 1));
    String direction = order.ascending() ? " ASC" : " DESC";
    String orderBy = " ORDER BY " + column + direction + ", v.id" + direction;
    Query query =
        em.createNativeQuery(
            "SELECT v.id, v.name, v.state, v.state_reason, u.username, t.display_name, h.name,"
                + " b.name, v.vcpus, v.memory_mib, v.created_at"
                + " FROM (SELECT v.id FROM vms v"
                + where.joins()
                + where.sql
                + orderBy
                + " LIMIT "
                + Math.max(0, max)
                + " OFFSET "
                + Math.max(0, first)
                + ") page JOIN vms v ON v.id = page.id"
                + String.join("", JOINS.get("u"), JOINS.get("t"), JOINS.get("h"), JOINS.get("b"))
                + orderBy);
    where.bind(query);
    List<VmRow> rows = new ArrayList<>();
    for (Object result : query.getResultList()) {
      Object[] r = (Object[]) result;
      rows.add(
          new VmRow(
              ((Number) r[0]).longValue(),
              (String) r[1],
              VmState.valueOf((String) r[2]),
              (String) r[3],
              (String) r[4],
              (String) r[5],
              (String) r[6],
              (String) r[7],
              ((Number) r[8]).intValue(),
              ((Number) r[9]).intValue(),
              ((Timestamp) r[10]).toInstant()));
    }
    return rows;
  }

  @Override
  public long count(VmSearch search) {
    Where where = where(search);
    Query query = em.createNativeQuery("SELECT COUNT(*) FROM vms v" + where.joins() + where.sql);
    where.bind(query);
    return ((Number) query.getSingleResult()).longValue();
  }

  @Override
  public Map<VmState, Long> countByState() {
    Map<VmState, Long> counts = new EnumMap<>(VmState.class);
    for (Object result :
        em.createNativeQuery("SELECT state, COUNT(*) FROM vms GROUP BY state").getResultList()) {
      Object[] r = (Object[]) result;
      counts.put(VmState.valueOf((String) r[0]), ((Number) r[1]).longValue());
    }
    return counts;
  }

  private static String column(SortField field) {
    return switch (field) {
      case NAME -> "v.name";
      case OWNER -> "u.username";
      case TENANT -> "t.display_name";
      case STATE -> "v.state";
      case HOST -> "h.name";
      case BASE_IMAGE -> "b.name";
      case CREATED -> "v.created_at";
    };
  }

  private static Where where(VmSearch s) {
    Where where = new Where();
    where.like("v.name", s.name());
    where.like("u.username", s.owner());
    if (SqlText.present(s.tenant())) {
      where.needs.add("t");
      where.sql.append(" AND (t.slug LIKE ? OR t.display_name LIKE ?)");
      where.values.add(SqlText.contains(s.tenant()));
      where.values.add(SqlText.contains(s.tenant()));
    }
    if (s.state() != null) {
      where.add("v.state = ?", s.state().name());
    }
    where.like("h.name", s.host());
    where.like("b.name", s.baseImage());
    if (s.createdAfter() != null) {
      where.add("v.created_at >= ?", Timestamp.from(s.createdAfter()));
    }
    if (s.createdBefore() != null) {
      where.add("v.created_at < ?", Timestamp.from(s.createdBefore()));
    }
    return where;
  }

  /** A WHERE clause built from positional parameters. */
  private static final class Where {
    private final StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
    private final List<Object> values = new ArrayList<>();
    private final Set<String> needs = new TreeSet<>();

    void add(String condition, Object value) {
      sql.append(" AND ").append(condition);
      values.add(value);
    }

    void like(String column, String text) {
      if (SqlText.present(text)) {
        needs.add(column.substring(0, 1));
        add(column + " LIKE ?", SqlText.contains(text));
      }
    }

    /** The joins for the aliases the filter (and sort) use; {@code v} needs none. */
    String joins() {
      StringBuilder joins = new StringBuilder();
      for (String alias : needs) {
        joins.append(JOINS.getOrDefault(alias, ""));
      }
      return joins.toString();
    }

    void bind(Query query) {
      for (int i = 0; i < values.size(); i++) {
        query.setParameter(i + 1, values.get(i));
      }
    }
  }
}

package org.vmportal.infrastructure.persistence.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vmportal.domain.model.metrics.HostSample;
import org.vmportal.domain.model.metrics.HostSampleRepository;

/** Host samples in MariaDB/MySQL; a plain table, so plain SQL. */
@ApplicationScoped
public class JpaHostSampleRepository implements HostSampleRepository {

  private static final String COLUMNS =
      "host_id, sampled_at, cpu_percent, load1, memory_used_mib, memory_total_mib,"
          + " disk_used_bytes, disk_total_bytes";

  @PersistenceContext(unitName = "portal")
  private EntityManager em;

  @Override
  public void append(HostSample s) {
    em.createNativeQuery(
            "INSERT INTO host_samples (" + COLUMNS + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        .setParameter(1, s.hostId())
        .setParameter(2, Timestamp.from(s.sampledAt()))
        .setParameter(3, s.cpuPercent())
        .setParameter(4, s.load1())
        .setParameter(5, s.memoryUsedMib())
        .setParameter(6, s.memoryTotalMib())
        .setParameter(7, s.diskUsedBytes())
        .setParameter(8, s.diskTotalBytes())
        .executeUpdate();
  }

  @Override
  public List<HostSample> since(Instant since) {
    return samples(
        em.createNativeQuery(
                "SELECT "
                    + COLUMNS
                    + " FROM host_samples WHERE sampled_at >= ?1 ORDER BY sampled_at, id")
            .setParameter(1, Timestamp.from(since))
            .getResultList());
  }

  @Override
  public Optional<HostSample> latest(long hostId) {
    return samples(
            em.createNativeQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM host_samples WHERE host_id = ?1 ORDER BY sampled_at DESC LIMIT 1")
                .setParameter(1, hostId)
                .getResultList())
        .stream()
        .findFirst();
  }

  @Override
  public int removeOlderThan(Instant cutoff) {
    return em.createNativeQuery("DELETE FROM host_samples WHERE sampled_at < ?1")
        .setParameter(1, Timestamp.from(cutoff))
        .executeUpdate();
  }

  private static List<HostSample> samples(List<?> rows) {
    List<HostSample> samples = new ArrayList<>(rows.size());
    for (Object row : rows) {
      Object[] r = (Object[]) row;
      samples.add(
          new HostSample(
              ((Number) r[0]).longValue(),
              ((Timestamp) r[1]).toInstant(),
              ((Number) r[2]).doubleValue(),
              ((Number) r[3]).doubleValue(),
              ((Number) r[4]).longValue(),
              ((Number) r[5]).longValue(),
              ((Number) r[6]).longValue(),
              ((Number) r[7]).longValue()));
    }
    return samples;
  }
}

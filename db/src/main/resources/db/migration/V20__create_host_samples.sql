-- Host load over time for the admin overview's charts: one row per host per sample (every minute),
-- kept for two days by the sampling timer.
CREATE TABLE host_samples (
  id               BIGINT       NOT NULL AUTO_INCREMENT,
  host_id          BIGINT       NOT NULL,
  sampled_at       TIMESTAMP(3) NOT NULL,
  cpu_percent      DOUBLE       NOT NULL COMMENT 'busy share of all cores since the previous sample, 0-100',
  load1            DOUBLE       NOT NULL COMMENT 'one-minute load average',
  memory_used_mib  BIGINT       NOT NULL COMMENT 'total minus available',
  memory_total_mib BIGINT       NOT NULL,
  disk_used_bytes  BIGINT       NOT NULL COMMENT 'of the file system holding the portal storage',
  disk_total_bytes BIGINT       NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_host_samples_host FOREIGN KEY (host_id) REFERENCES hosts (id),
  INDEX ix_host_samples_host_time (host_id, sampled_at),
  INDEX ix_host_samples_time (sampled_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

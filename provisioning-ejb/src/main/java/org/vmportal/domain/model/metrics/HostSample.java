package org.vmportal.domain.model.metrics;

import java.time.Instant;
import java.util.Objects;

/**
 * One measurement of a host's load.
 *
 * @param hostId the host
 * @param sampledAt when
 * @param cpuPercent busy share of all cores since the previous sample, 0 to 100
 * @param load1 the one-minute load average
 * @param memoryUsedMib memory in use (total minus available)
 * @param memoryTotalMib memory installed
 * @param diskUsedBytes bytes used on the file system holding the portal's storage
 * @param diskTotalBytes that file system's size
 */
public record HostSample(
    long hostId,
    Instant sampledAt,
    double cpuPercent,
    double load1,
    long memoryUsedMib,
    long memoryTotalMib,
    long diskUsedBytes,
    long diskTotalBytes) {

  /** Rejects a sample without a time. */
  public HostSample {
    Objects.requireNonNull(sampledAt, "sampledAt");
  }
}

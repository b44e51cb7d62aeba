package org.vmportal.domain.model.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Host load samples, oldest first. */
public interface HostSampleRepository {

  /**
   * Stores a sample.
   *
   * @param sample the sample
   */
  void append(HostSample sample);

  /**
   * Every host's samples since an instant, oldest first.
   *
   * @param since the instant
   * @return the samples
   */
  List<HostSample> since(Instant since);

  /**
   * A host's newest sample.
   *
   * @param hostId the host
   * @return the sample, or empty before the first
   */
  Optional<HostSample> latest(long hostId);

  /**
   * Removes samples older than an instant.
   *
   * @param cutoff the instant
   * @return how many were removed
   */
  int removeOlderThan(Instant cutoff);
}

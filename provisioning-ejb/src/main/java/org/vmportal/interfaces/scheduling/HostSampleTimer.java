package org.vmportal.interfaces.scheduling;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import org.vmportal.application.HostMetricsService;

/**
 * Samples the host's CPU, memory and disk for the admin overview's charts. Not persistent: a missed
 * sample is a gap in a chart, nothing more.
 */
@Singleton
public class HostSampleTimer {

  @Inject private HostMetricsService metrics;

  // Every 30 seconds: two days of samples stay under 6,000 rows per host.
  @Schedule(second = "*/30", minute = "*", hour = "*", persistent = false)
  void sample() {
    metrics.sample();
  }
}

package org.vmportal.application;

import java.time.Duration;
import java.util.List;
import org.vmportal.application.HostService.HostView;
import org.vmportal.domain.model.metrics.HostSample;

/** Host load over time, for the admin overview's charts, beside each host's capacity. */
public interface HostMetricsService {

  /**
   * Measures the portal's own host once and stores the sample; drops samples older than two days.
   */
  void sample();

  /**
   * Every host's samples over a window that ends now, oldest first.
   *
   * @param actor a platform admin
   * @param window how far back, at most two days
   * @return the samples
   * @throws PortalException FORBIDDEN for anyone but a platform admin
   */
  List<HostSample> history(Actor actor, Duration window);

  /**
   * Each host as {@link HostService} lists it, with its newest sample.
   *
   * @param actor a platform admin
   * @return the hosts, by name
   * @throws PortalException FORBIDDEN for anyone but a platform admin
   */
  List<HostLoad> hosts(Actor actor);

  /**
   * A host now.
   *
   * @param host what it offers and what its VMs hold
   * @param latest its newest sample, or {@code null} before the first
   */
  record HostLoad(HostView host, HostSample latest) {}
}

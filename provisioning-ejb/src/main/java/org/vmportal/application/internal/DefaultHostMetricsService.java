package org.vmportal.application.internal;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.vmportal.application.Actor;
import org.vmportal.application.HostMetricsService;
import org.vmportal.application.HostService;
import org.vmportal.domain.model.host.Host;
import org.vmportal.domain.model.host.HostRepository;
import org.vmportal.domain.model.metrics.HostSample;
import org.vmportal.domain.model.metrics.HostSampleRepository;
import org.vmportal.domain.service.HostProbe;
import org.vmportal.domain.service.HypervisorException;

/** Samples the portal's host through {@link HostProbe} and reads the samples back. */
@Stateless
public class DefaultHostMetricsService implements HostMetricsService {

  private static final String ADMINS_ONLY = "Only platform admins see the hosts.";

  private static final Logger LOG = Logger.getLogger(DefaultHostMetricsService.class.getName());
  private static final Duration KEEP = Duration.ofDays(2);

  @Inject private HostProbe probe;
  @Inject private HostSampleRepository samples;
  @Inject private HostRepository hosts;
  @Inject private HostService hostService;

  /** The host this portal runs beside is the one reached through its own libvirt URI. */
  @Inject
  @ConfigProperty(name = "portal.libvirt.uri", defaultValue = "qemu:///system")
  String libvirtUri;

  @Override
  public void sample() {
    Long hostId =
        hosts.findAll().stream()
            .filter(h -> h.getUri().equals(libvirtUri))
            .map(Host::getId)
            .findFirst()
            .orElse(null);
    if (hostId == null) {
      LOG.log(Level.WARNING, "No host row has the URI {0}; not sampling", libvirtUri);
      return;
    }
    Instant now = Instant.now();
    try {
      HostProbe.Reading r = probe.read();
      samples.append(
          new HostSample(
              hostId,
              now,
              r.cpuPercent(),
              r.load1(),
              r.memoryUsedMib(),
              r.memoryTotalMib(),
              r.diskUsedBytes(),
              r.diskTotalBytes()));
    } catch (HypervisorException e) {
      LOG.log(Level.WARNING, "Host sample skipped", e);
    }
    samples.removeOlderThan(now.minus(KEEP));
  }

  @Override
  public List<HostSample> history(Actor actor, Duration window) {
    actor.requirePlatformAdmin(ADMINS_ONLY);
    Duration span = window.compareTo(KEEP) > 0 ? KEEP : window;
    return samples.since(Instant.now().minus(span));
  }

  @Override
  public List<HostLoad> hosts(Actor actor) {
    actor.requirePlatformAdmin(ADMINS_ONLY);
    return hostService.list(actor).stream()
        .map(h -> new HostLoad(h, samples.latest(h.id()).orElse(null)))
        .toList();
  }
}

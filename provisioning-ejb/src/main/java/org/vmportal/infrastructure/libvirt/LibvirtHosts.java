package org.vmportal.infrastructure.libvirt;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.vmportal.domain.model.host.Host;
import org.vmportal.domain.model.host.HostRepository;
import org.vmportal.domain.service.Hypervisor;
import org.vmportal.domain.service.HypervisorException;
import org.vmportal.domain.service.Hypervisors;

/**
 * The hosts table's hypervisors over libvirt: a host's URI never changes, so it is looked up once
 * per host and its connection kept ({@link LibvirtConfiguration#hypervisorFor}).
 */
@ApplicationScoped
public class LibvirtHosts implements Hypervisors {

  @Inject private HostRepository hosts;
  @Inject private LibvirtConfiguration libvirt;

  private final Map<Long, String> uris = new ConcurrentHashMap<>();
  private final Set<Long> unreachable = ConcurrentHashMap.newKeySet();

  @Override
  public Hypervisor of(long hostId) {
    String uri =
        uris.computeIfAbsent(
            hostId,
            id ->
                hosts
                    .find(id)
                    .map(Host::getUri)
                    .orElseThrow(() -> new HypervisorException("There is no host " + id)));
    return libvirt.hypervisorFor(uri);
  }

  @Override
  public Map<Long, Hypervisor> byHost() {
    Map<Long, Hypervisor> all = new LinkedHashMap<>();
    for (Host host : hosts.findAll()) {
      uris.put(host.getId(), host.getUri());
      all.put(host.getId(), libvirt.hypervisorFor(host.getUri()));
    }
    return all;
  }

  @Override
  public void probe(String uri) {
    try (LibvirtConnection connection = new LibvirtConnection(uri)) {
      connection.hypervisor("list the domains at " + uri, c -> c.numOfDomains());
    }
  }

  @Override
  public boolean markReachable(long hostId, boolean reachable) {
    return reachable ? unreachable.remove(hostId) : unreachable.add(hostId);
  }

  @Override
  public Set<Long> unreachable() {
    return Set.copyOf(unreachable);
  }
}

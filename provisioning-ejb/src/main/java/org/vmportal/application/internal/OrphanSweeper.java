package org.vmportal.application.internal;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.vmportal.application.Actor;
import org.vmportal.domain.model.audit.AuditTarget;
import org.vmportal.domain.model.image.BaseImage;
import org.vmportal.domain.model.image.BaseImageRepository;
import org.vmportal.domain.model.vm.VirtualMachine;
import org.vmportal.domain.model.vm.VmRepository;
import org.vmportal.domain.model.vm.VmState;
import org.vmportal.domain.service.Hypervisor;
import org.vmportal.domain.service.Hypervisors;
import org.vmportal.domain.service.StorageException;
import org.vmportal.domain.service.StoragePool;
import org.vmportal.domain.service.VolumeInfo;
import org.vmportal.domain.service.VolumeStore;

/**
 * Leaves nothing orphaned: removes this portal's domains that no VM or build owns, overlays that no
 * VM owns, and VMs stuck half-made (CREATING) or half-wiped (DELETING) by a portal that stopped in
 * the middle. Something must look orphaned for a grace period on consecutive passes before it goes,
 * so work in flight (a create between its steps) is never mistaken for debris. Domains of other
 * installations on the same host are told apart by their disks, which live in other pools.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OrphanSweeper {

  private static final String SERIAL_LOG_SUFFIX = ".serial.log";

  private static final Logger LOG = Logger.getLogger(OrphanSweeper.class.getName());

  @Inject private VmRepository vms;
  @Inject private BaseImageRepository baseImages;
  @Inject private VmLedger ledger;
  @Inject private VmLocks locks;
  @Inject private Hypervisors hypervisors;
  @Inject private VolumeStore volumes;
  @Inject private AuditLog audit;

  @Inject
  @ConfigProperty(name = "portal.reconcile.orphan-grace-seconds", defaultValue = "60")
  long graceSeconds;

  /** When each suspect was first seen orphaned; forgotten once a pass no longer sees it. */
  private final Map<String, Instant> suspects = new ConcurrentHashMap<>();

  /**
   * One pass. Storage is shared by all hosts; serial logs are swept only when every host answered,
   * since an unreachable host's domains are not known.
   *
   * @param portalDomains the names of the portal-marked domains on each host that answered
   * @param everyHostAnswered whether no host was left out of {@code portalDomains}
   * @return how many things were removed
   */
  public int sweep(Map<Long, Set<String>> portalDomains, boolean everyHostAnswered) {
    Instant now = Instant.now();
    Set<String> seen = new HashSet<>();
    Set<String> everyPortalDomain = new HashSet<>();
    portalDomains.values().forEach(everyPortalDomain::addAll);
    int removed = 0;
    for (Map.Entry<Long, Set<String>> host : portalDomains.entrySet()) {
      removed +=
          sweepDomains(hypervisors.of(host.getKey()), host.getKey(), host.getValue(), now, seen);
    }
    removed += sweepOverlays(now, seen);
    if (everyHostAnswered) {
      removed += sweepDomainFiles(everyPortalDomain, now, seen);
    } else {
      suspects.keySet().stream().filter(key -> key.startsWith("log:")).forEach(seen::add);
    }
    removed += finishHalfDone(now);
    suspects.keySet().retainAll(seen);
    return removed;
  }

  private int sweepDomains(
      Hypervisor hypervisor,
      long hostId,
      Set<String> portalDomains,
      Instant now,
      Set<String> seen) {
    Set<String> owned = new HashSet<>(vms.domainNames());
    for (BaseImage image : baseImages.findAll()) {
      if (image.getInstallerDomain() != null) {
        owned.add(image.getInstallerDomain());
      }
    }
    int removed = 0;
    for (String name : portalDomains) {
      if (owned.contains(name) || !usesOurStorage(hypervisor, name)) {
        continue;
      }
      if (overdue("domain:" + hostId + ":" + name, now, seen)) {
        hypervisor.undefine(name);
        record(
            "ORPHAN_DOMAIN_REMOVED",
            "domain",
            name,
            "no VM or base image build owns it (host " + hostId + ")");
        removed++;
      }
    }
    return removed;
  }

  /** Whether a domain's disks are in this portal's overlay or base-image pool. */
  private boolean usesOurStorage(Hypervisor hypervisor, String domain) {
    Path overlays = volumes.directory(StoragePool.OVERLAYS);
    Path bases = volumes.directory(StoragePool.BASE_IMAGES);
    return hypervisor.diskPaths(domain).stream()
        .map(Path::of)
        .anyMatch(disk -> disk.startsWith(overlays) || disk.startsWith(bases));
  }

  private int sweepOverlays(Instant now, Set<String> seen) {
    Set<String> owned = new HashSet<>(vms.overlayVolumes());
    try {
      volumes.refresh(StoragePool.OVERLAYS); // files libvirt has not seen yet are debris too
    } catch (StorageException e) {
      // libvirt refuses a refresh while a volume is being created: sweep next pass.
      return 0;
    }
    int removed = 0;
    for (VolumeInfo volume : volumes.list(StoragePool.OVERLAYS)) {
      if (owned.contains(volume.name())) {
        continue;
      }
      if (overdue("overlay:" + volume.name(), now, seen)) {
        volumes.delete(StoragePool.OVERLAYS, volume.name());
        record("ORPHAN_OVERLAY_REMOVED", "volume", volume.name(), "no VM owns it");
        removed++;
      }
    }
    return removed;
  }

  /** A create or wipe interrupted by a stop of the portal: undone, or finished. */
  private int finishHalfDone(Instant now) {
    int removed = 0;
    Set<Long> unreachable = hypervisors.unreachable();
    for (VmState state : new VmState[] {VmState.CREATING, VmState.DELETING}) {
      for (VirtualMachine vm : vms.findByState(state)) {
        if (vm.getUpdatedAt().isAfter(now.minus(Duration.ofSeconds(graceSeconds)))
            || unreachable.contains(vm.getHostId())) {
          continue;
        }
        boolean done =
            locks.tryWith(
                vm.getId(),
                () -> {
                  hypervisors.of(vm.getHostId()).undefine(vm.getDomainName());
                  volumes.delete(StoragePool.OVERLAYS, vm.getOverlayVolume());
                  ledger.remove(vm.getId());
                });
        if (done) {
          record(
              state == VmState.CREATING ? "VM_CREATE_ABANDONED" : "VM_WIPE_FINISHED",
              "vm",
              Long.toString(vm.getId()),
              vm.getName() + " was left " + state + " since " + vm.getUpdatedAt());
          removed++;
        }
      }
    }
    return removed;
  }

  /**
   * Serial logs (and their rotated parts) and host-name media of domains that neither a VM, a spare
   * nor libvirt knows.
   */
  private int sweepDomainFiles(Set<String> portalDomains, Instant now, Set<String> seen) {
    Set<String> known = new HashSet<>(vms.domainNames());
    known.addAll(portalDomains);
    return sweepFiles(
            volumes.logDirectory(), SERIAL_LOG_SUFFIX, "ORPHAN_LOG_REMOVED", known, now, seen)
        + sweepFiles(
            volumes.hostnameMediaDirectory(),
            VmProvisioner.HOSTNAME_MEDIUM_SUFFIX,
            "ORPHAN_HOSTNAME_MEDIUM_REMOVED",
            known,
            now,
            seen);
  }

  /** Files named after a domain (name, then the suffix) in the directory, for domains not known. */
  private int sweepFiles(
      Path directory,
      String domainSuffix,
      String action,
      Set<String> known,
      Instant now,
      Set<String> seen) {
    int removed = 0;
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        int suffix = name.indexOf(domainSuffix);
        if (suffix <= 0 || known.contains(name.substring(0, suffix))) {
          continue;
        }
        if (overdue("log:" + name, now, seen)) {
          Files.deleteIfExists(file);
          record(action, "file", name, "no VM, spare or domain owns it");
          removed++;
        }
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Could not sweep " + directory, e);
    }
    return removed;
  }

  /** Notes a suspect; true once it has looked orphaned for the whole grace period. */
  private boolean overdue(String key, Instant now, Set<String> seen) {
    seen.add(key);
    Instant first = suspects.computeIfAbsent(key, k -> now);
    return !first.isAfter(now.minus(Duration.ofSeconds(graceSeconds)));
  }

  private void record(String action, String type, String id, String detail) {
    LOG.log(Level.WARNING, "{0}: {1} {2} ({3})", new Object[] {action, type, id, detail});
    audit.success(Actor.system(), action, new AuditTarget(type, id), detail);
  }
}

package org.vmportal.application.internal;

import jakarta.ejb.Asynchronous;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.vmportal.application.PortalException;
import org.vmportal.domain.model.image.BaseImage;
import org.vmportal.domain.model.image.BaseImageRepository;
import org.vmportal.domain.model.vm.SpareVm;
import org.vmportal.domain.service.DomainState;
import org.vmportal.domain.service.Hypervisors;
import org.vmportal.domain.service.StoragePool;
import org.vmportal.domain.service.VolumeInfo;
import org.vmportal.domain.service.VolumeStore;

/**
 * Keeps spares ready: for every sealed base image, {@code portal.spares.per-image} domains of the
 * create dialog's smallest shape, paused before their first instruction on the host a new VM would
 * be placed on now. A create that takes one lets it run in milliseconds instead of starting QEMU
 * (about 0.6 s here, most of it libvirt reading the guest CPU back). Spares that can no longer be
 * taken are discarded: their image was deleted or is not sealed, their host was drained or is no
 * longer where VMs go, the accelerator or shape setting changed, their QEMU died, they were left
 * half-made by a portal that stopped, or there are more than the setting asks for. Spares count
 * against no quota and are not VMs anywhere.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SpareKeeper {

  private static final Logger LOG = Logger.getLogger(SpareKeeper.class.getName());

  /** Making a spare takes seconds; one not ready after this was left by a stopped portal. */
  private static final Duration MAKING_GRACE = Duration.ofSeconds(60);

  @Inject private VmLedger ledger;
  @Inject private VmProvisioner provisioner;
  @Inject private BaseImageRepository baseImages;
  @Inject private VolumeStore volumes;
  @Inject private Hypervisors hypervisors;

  /** Spares kept per sealed base image; 0 turns spares off (and discards the ones there are). */
  @Inject
  @ConfigProperty(name = "portal.spares.per-image", defaultValue = "1")
  int perImage;

  @Inject
  @ConfigProperty(name = "portal.spares.vcpus", defaultValue = "1")
  int vcpus;

  @Inject
  @ConfigProperty(name = "portal.spares.memory-mib", defaultValue = "128")
  int memoryMib;

  private final AtomicBoolean wanted = new AtomicBoolean();
  private final AtomicBoolean running = new AtomicBoolean();

  /**
   * The safety net: refills what creates took when their refill was missed, and discards spares
   * that can no longer be taken. Not persistent: a missed run is simply the next one.
   */
  @Schedule(second = "*/15", minute = "*", hour = "*", persistent = false)
  void keepSpares() {
    refill();
  }

  /** Refills in the background, after a create took a spare. */
  @Asynchronous
  public void refillSoon() {
    refill();
  }

  /**
   * Discards spares that can no longer be taken and makes the missing ones. Passes never overlap: a
   * call while one runs makes that one run once more instead.
   */
  public void refill() {
    wanted.set(true);
    while (wanted.get() && running.compareAndSet(false, true)) {
      try {
        wanted.set(false);
        pass();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Keeping spares failed; the next pass tries again", e);
      } finally {
        running.set(false);
      }
    }
  }

  /**
   * Discards the spares on a host, before it is removed.
   *
   * @param hostId the host
   */
  public void discardOnHost(long hostId) {
    discardAll(spare -> spare.getHostId() == hostId);
  }

  /**
   * Discards the spares of a base image, before it is deleted.
   *
   * @param baseImageId the base image
   */
  public void discardOfImage(long baseImageId) {
    discardAll(spare -> spare.getBaseImageId() == baseImageId);
  }

  private void discardAll(Predicate<SpareVm> which) {
    ledger.spares().stream().filter(which).forEach(this::discard);
  }

  private void pass() {
    Map<Long, BaseImage> sealed =
        baseImages.findAll().stream()
            .filter(BaseImage::isSealed)
            .collect(Collectors.toMap(BaseImage::getId, Function.identity()));
    Set<Long> unreachable = hypervisors.unreachable();
    Optional<Long> target = placement();
    List<SpareVm> kept =
        ledger.spares().stream()
            .filter(spare -> unreachable.contains(spare.getHostId()) || keep(spare, target, sealed))
            .toList();
    if (perImage <= 0 || target.isEmpty() || unreachable.contains(target.get())) {
      return;
    }
    long hostId = target.get();
    for (BaseImage image : sealed.values()) {
      List<SpareVm> ofImage =
          kept.stream()
              .filter(s -> s.getHostId() == hostId && s.getBaseImageId() == image.getId())
              .toList();
      ofImage.stream().skip(perImage).forEach(this::discard); // the setting was lowered
      long have = Math.min(ofImage.size(), perImage);
      if (have >= perImage) {
        continue; // no storage lookup for an image whose spares are all there
      }
      Optional<VolumeInfo> base = volumes.find(StoragePool.BASE_IMAGES, image.getVolumeName());
      for (long i = have; i < perImage && base.isPresent(); i++) {
        try {
          provisioner.makeSpare(hostId, image.getId(), base.get(), vcpus, memoryMib);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "Could not make a spare of " + image.getName(), e);
          break;
        }
      }
    }
  }

  /** Whether a spare can still be taken; discards it otherwise. */
  private boolean keep(SpareVm spare, Optional<Long> target, Map<Long, BaseImage> sealed) {
    String why = reasonToDiscard(spare, target, sealed);
    if (why == null) {
      return true;
    }
    LOG.log(Level.FINE, "Discarding spare {0}: {1}", new Object[] {spare.getDomainName(), why});
    discard(spare);
    return false;
  }

  private String reasonToDiscard(
      SpareVm spare, Optional<Long> target, Map<Long, BaseImage> sealed) {
    if (!spare.isReady()) {
      return spare.getCreatedAt().isBefore(Instant.now().minus(MAKING_GRACE))
          ? "left half-made"
          : null;
    }
    if (perImage <= 0) {
      return "spares are turned off";
    }
    if (!sealed.containsKey(spare.getBaseImageId())) {
      return "its base image is gone or not sealed";
    }
    if (target.isEmpty() || target.get() != spare.getHostId()) {
      return "new VMs go to another host (or its host was drained)";
    }
    if (spare.getVcpus() != vcpus || spare.getMemoryMib() != memoryMib) {
      return "the spare shape changed";
    }
    if (spare.getAccelerator() != hypervisors.of(spare.getHostId()).defaultAccelerator()) {
      return "the host runs guests with another accelerator now";
    }
    DomainState state = hypervisors.of(spare.getHostId()).state(spare.getDomainName());
    return state == DomainState.PAUSED ? null : "its domain is " + state;
  }

  /** The host a VM of the spare shape would go to now (never a drained or silent one). */
  private Optional<Long> placement() {
    try {
      return Optional.of(ledger.placementHost(memoryMib));
    } catch (PortalException noRoom) {
      return Optional.empty();
    }
  }

  private void discard(SpareVm spare) {
    try {
      provisioner.discardSpare(spare);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not discard spare " + spare.getDomainName(), e);
    }
  }
}

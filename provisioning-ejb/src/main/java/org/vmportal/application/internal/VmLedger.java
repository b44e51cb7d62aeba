package org.vmportal.application.internal;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.vmportal.application.Actor;
import org.vmportal.application.PortalException;
import org.vmportal.application.PortalException.Kind;
import org.vmportal.domain.model.tenant.PortalUser;
import org.vmportal.domain.model.tenant.PortalUserRepository;
import org.vmportal.domain.model.tenant.Tenant;
import org.vmportal.domain.model.tenant.TenantRepository;
import org.vmportal.domain.model.vm.Snapshot;
import org.vmportal.domain.model.vm.SnapshotKind;
import org.vmportal.domain.model.vm.SnapshotRepository;
import org.vmportal.domain.model.vm.SpareVm;
import org.vmportal.domain.model.vm.SpareVmRepository;
import org.vmportal.domain.model.vm.VirtualMachine;
import org.vmportal.domain.model.vm.VmRepository;
import org.vmportal.domain.model.vm.VmRepository.Usage;
import org.vmportal.domain.model.vm.VmState;
import org.vmportal.domain.service.Accelerator;
import org.vmportal.domain.service.Hypervisors;

/**
 * The database side of the VM life cycle, one short transaction per call, so that libvirt work
 * (which may take seconds) never holds a database lock. Quota checks and the row they admit happen
 * under a lock on the tenant's row: concurrent creates in one tenant are counted one at a time.
 */
@Stateless
public class VmLedger {

  private static final long GIB = 1L << 30;

  @Inject private VmRepository vms;
  @Inject private SnapshotRepository snapshots;
  @Inject private TenantRepository tenants;
  @Inject private PortalUserRepository users;
  @Inject private Hypervisors hypervisors;
  @Inject private SpareVmRepository spares;

  /** Serial consoles listen on loopback ports from here on, one per VM on a host. */
  @Inject
  @ConfigProperty(name = "portal.console.serial-port-first", defaultValue = "24000")
  int firstSerialPort;

  @Inject
  @ConfigProperty(name = "portal.console.serial-port-count", defaultValue = "2000")
  int serialPortCount;

  /**
   * A VM admitted: its row, and whether it took a spare's domain (started paused, to be let run)
   * instead of needing a disk and domain of its own.
   *
   * @param vm the stored VM
   * @param tookSpare whether it took a spare
   */
  public record Admission(VirtualMachine vm, boolean tookSpare) {}

  /**
   * Checks the quotas and writes the new VM's row in state CREATING; takes a spare of its image and
   * shape on its host if asked to and there is one.
   *
   * @param actor the future owner
   * @param draft the VM to admit (its tenant and owner are the actor's)
   * @param spareWanted whether the VM's disk is its base image's as it is, so a spare will do
   * @return the stored VM
   * @throws PortalException {@link Kind#TOO_LARGE} when a tenant or user quota would be exceeded
   */
  public Admission admit(Actor actor, VirtualMachine draft, boolean spareWanted) {
    vms.lockTenant(draft.getTenantId());
    // The host before spare_vms is read: a create that scanned spare_vms first (leaving gap locks)
    // and then waited for the host to pick a port deadlocked with a spare refill, which holds the
    // host while it inserts its spare row (seen in CI: the create answered 500).
    vms.lockHost(draft.getHostId());
    Tenant tenant =
        tenants
            .find(draft.getTenantId())
            .orElseThrow(() -> new PortalException(Kind.FORBIDDEN, "Your tenant does not exist."));
    PortalUser owner =
        users
            .find(actor.userId())
            .orElseThrow(() -> new PortalException(Kind.FORBIDDEN, "You are not signed in."));
    check(
        "Your tenant",
        vms.usage(tenant.getId(), null),
        draft,
        tenant.getMaxVms(),
        (long) tenant.getMaxVcpus(),
        tenant.getMaxMemoryMib(),
        tenant.getMaxDiskGib());
    check(
        "You",
        vms.usage(tenant.getId(), owner.getId()),
        draft,
        owner.getMaxVms(),
        owner.getMaxVcpus() == null ? null : (long) owner.getMaxVcpus(),
        owner.getMaxMemoryMib(),
        owner.getMaxDiskGib());
    Optional<SpareVm> spare =
        spareWanted
            ? spares.take(
                draft.getHostId(),
                draft.getBaseImageId(),
                draft.getVcpus(),
                draft.getMemoryMib(),
                hypervisors.of(draft.getHostId()).defaultAccelerator())
            : Optional.empty();
    if (spare.isPresent()) {
      draft.takeOver(spare.get());
    } else {
      draft.assignSerialPort(freeSerialPort(draft.getHostId()));
    }
    return new Admission(vms.store(draft), spare.isPresent());
  }

  /**
   * Writes a new spare's row, not ready yet, with a free serial console port on its host.
   *
   * @param hostId the host
   * @param baseImageId the sealed base image
   * @param domainName the domain's generated name
   * @param vcpus virtual CPUs
   * @param memoryMib memory
   * @param accelerator what the host runs guests with
   * @return the stored spare
   * @throws PortalException {@link Kind#CONFLICT} when the host has no free console port
   */
  public SpareVm reserveSpare(
      long hostId,
      long baseImageId,
      String domainName,
      int vcpus,
      int memoryMib,
      Accelerator accelerator) {
    vms.lockHost(hostId);
    return spares.store(
        new SpareVm(
            hostId,
            baseImageId,
            domainName,
            vcpus,
            memoryMib,
            freeSerialPort(hostId),
            Secrets.vncPassword(),
            accelerator,
            Instant.now()));
  }

  /**
   * Marks a spare ready to be taken.
   *
   * @param spareId the spare
   * @return whether its row still exists
   */
  public boolean spareReady(long spareId) {
    return spares.markReady(spareId);
  }

  /**
   * Deletes a spare's row unless a create took it first.
   *
   * @param spareId the spare
   * @return whether this call deleted it: only then may the caller remove its domain and overlay
   */
  public boolean removeSpare(long spareId) {
    return spares.remove(spareId);
  }

  /**
   * Every spare, oldest first.
   *
   * @return the spares
   */
  public List<SpareVm> spares() {
    return spares.findAll();
  }

  /**
   * The lowest port of the serial console range that no VM on the host holds and nothing listens
   * on: a domain whose row is gone (awaiting the orphan sweep) or a foreign process may still hold
   * a port the database no longer knows. The probe sees the portal's own host only. The caller
   * holds the host's row.
   */
  private int freeSerialPort(long hostId) {
    Set<Integer> taken = vms.serialPortsInUse(hostId);
    for (int port = firstSerialPort; port < firstSerialPort + serialPortCount; port++) {
      if (!taken.contains(port) && nobodyListens(port)) {
        return port;
      }
    }
    throw new PortalException(
        Kind.CONFLICT,
        "The host has no free console port for another VM; wipe a VM or ask an admin.");
  }

  /**
   * Gives a VM whose serial console port something else took meanwhile (another installation on the
   * machine, a foreign process) a free one; a VM whose port is free keeps it.
   *
   * @param vmId the VM
   * @return the VM after the call
   */
  public VirtualMachine withFreeSerialPort(long vmId) {
    VirtualMachine vm = find(vmId);
    if (vm.getSerialPort() == null || nobodyListens(vm.getSerialPort())) {
      return vm;
    }
    vms.lockHost(vm.getHostId());
    vm.moveSerialPort(freeSerialPort(vm.getHostId()));
    return vms.store(vm);
  }

  private static boolean nobodyListens(int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void check(
      String who,
      Usage used,
      VirtualMachine draft,
      Integer maxVms,
      Long maxVcpus,
      Long maxMemoryMib,
      Long maxDiskGib) {
    limit(who, "VMs", used.vms() + 1, maxVms == null ? null : (long) maxVms, "");
    limit(who, "vCPUs", used.vcpus() + draft.getVcpus(), maxVcpus, "");
    limit(who, "memory", used.memoryMib() + draft.getMemoryMib(), maxMemoryMib, " MiB");
    limit(who, "disk", used.diskGib() + draft.getDiskGib(), maxDiskGib, " GiB");
  }

  private static void limit(String who, String what, long wanted, Long max, String unit) {
    if (max != null && wanted > max) {
      throw new PortalException(
          Kind.TOO_LARGE,
          who
              + " would go over the quota for "
              + what
              + ": "
              + wanted
              + unit
              + " of "
              + max
              + unit
              + ". Stop using, or wipe, a VM first.");
    }
  }

  /**
   * Checks the snapshot quotas of the VM's tenant and owner, and writes the snapshot's row with its
   * estimated size, so that concurrent snapshots are counted one at a time.
   *
   * @param vm the VM
   * @param name the checked name
   * @param kind what it keeps
   * @param estimatedBytes what it is expected to take
   * @param createdBy who takes it
   * @return the stored snapshot, with the libvirt name to take it under
   * @throws PortalException {@link Kind#CONFLICT} for a name the VM already has, {@link
   *     Kind#TOO_LARGE} when a snapshot quota would be exceeded
   */
  public Snapshot admitSnapshot(
      VirtualMachine vm, String name, SnapshotKind kind, long estimatedBytes, Long createdBy) {
    vms.lockTenant(vm.getTenantId());
    if (snapshots.findByVm(vm.getId()).stream().anyMatch(s -> s.getName().equals(name))) {
      throw new PortalException(
          Kind.CONFLICT, "\u201c" + vm.getName() + "\u201d already has a snapshot of that name.");
    }
    Tenant tenant =
        tenants
            .find(vm.getTenantId())
            .orElseThrow(() -> new PortalException(Kind.FORBIDDEN, "The tenant does not exist."));
    snapshotLimit(
        "The tenant",
        vms.usage(tenant.getId(), null).snapshotBytes() + estimatedBytes,
        tenant.getMaxSnapshotGib());
    Long ownerLimit = users.find(vm.getOwnerId()).map(PortalUser::getMaxSnapshotGib).orElse(null);
    snapshotLimit(
        "The VM's owner",
        vms.usage(tenant.getId(), vm.getOwnerId()).snapshotBytes() + estimatedBytes,
        ownerLimit);
    String libvirtName = "snap-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    return snapshots.store(
        new Snapshot(
            vm.getId(), name, libvirtName, kind, estimatedBytes, createdBy, Instant.now()));
  }

  private static void snapshotLimit(String who, long wantedBytes, Long maxGib) {
    if (maxGib != null && wantedBytes > maxGib * GIB) {
      throw new PortalException(
          Kind.TOO_LARGE,
          String.format(
              Locale.ROOT,
              "%s would go over the quota for snapshot storage: %.2f GiB of %d GiB. Delete a"
                  + " snapshot first.",
              who,
              wantedBytes / (double) GIB,
              maxGib));
    }
  }

  /**
   * Records the size a snapshot really took.
   *
   * @param snapshotId the snapshot
   * @param bytes its measured size
   * @return the snapshot after the change
   */
  public Snapshot measured(long snapshotId, long bytes) {
    Snapshot snapshot =
        snapshots
            .findAny(snapshotId)
            .orElseThrow(() -> new PortalException(Kind.NOT_FOUND, "There is no such snapshot."));
    snapshot.measured(bytes);
    return snapshots.store(snapshot);
  }

  /**
   * Deletes a snapshot's row.
   *
   * @param snapshotId the snapshot
   */
  public void removeSnapshot(long snapshotId) {
    snapshots.findAny(snapshotId).ifPresent(snapshots::remove);
  }

  /**
   * The VM, if the actor may act on it: its owner, or a platform admin.
   *
   * @param actor who asks
   * @param vmId the VM
   * @return the VM
   * @throws PortalException {@link Kind#NOT_FOUND} otherwise, so that another's VM is not revealed
   */
  public VirtualMachine owned(Actor actor, long vmId) {
    return vms.find(vmId)
        .filter(
            vm -> actor.isPlatformAdmin() || Long.valueOf(vm.getOwnerId()).equals(actor.userId()))
        .orElseThrow(() -> new PortalException(Kind.NOT_FOUND, "There is no such VM."));
  }

  /**
   * Records a state change.
   *
   * @param vmId the VM
   * @param state the new state
   * @param reason for ERROR, why
   * @return the VM after the change
   */
  public VirtualMachine moveTo(long vmId, VmState state, String reason) {
    VirtualMachine vm = find(vmId);
    vm.moveTo(state, reason, Instant.now());
    return vms.store(vm);
  }

  /**
   * The VM runs: records that, and the VNC port libvirt gave it.
   *
   * @param vmId the VM
   * @param vncPort its VNC port, or null when unknown
   * @return the VM after the change
   */
  public VirtualMachine running(long vmId, Integer vncPort) {
    VirtualMachine vm = find(vmId);
    vm.moveTo(VmState.RUNNING, null, Instant.now());
    vm.recordVncPort(vncPort);
    return vms.store(vm);
  }

  /**
   * Renames the VM.
   *
   * @param vmId the VM
   * @param name the checked new name
   * @return the VM after the change
   */
  public VirtualMachine rename(long vmId, String name) {
    VirtualMachine vm = find(vmId);
    vm.rename(name, Instant.now());
    return vms.store(vm);
  }

  /**
   * Records that the VMs are in use now (their consoles are open).
   *
   * @param vmIds the VMs
   */
  public void touch(java.util.Collection<Long> vmIds) {
    vms.touch(vmIds);
  }

  private VirtualMachine find(long vmId) {
    return vms.find(vmId)
        .orElseThrow(() -> new PortalException(Kind.NOT_FOUND, "There is no such VM."));
  }

  /**
   * Deletes the VM's row.
   *
   * @param vmId the VM
   */
  public void remove(long vmId) {
    snapshots.removeAllOf(vmId);
    vms.find(vmId).ifPresent(vms::remove);
  }

  /**
   * The host a new VM goes to: of the hosts that are not drained and answered their last check, the
   * one with the most memory free for VMs, if that is enough.
   *
   * @param memoryMib the new VM's memory
   * @return the host's id
   * @throws PortalException {@link Kind#CONFLICT} when no host has room
   */
  public long placementHost(int memoryMib) {
    return vms.placementHost(memoryMib, hypervisors.unreachable())
        .orElseThrow(
            () ->
                new PortalException(
                    Kind.CONFLICT,
                    "No host has "
                        + memoryMib
                        + " MiB of memory free for another VM right now. Stop a VM, or ask an"
                        + " admin to add capacity."));
  }
}

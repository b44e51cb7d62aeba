package org.vmportal.application;

import java.time.Instant;
import java.util.List;
import org.vmportal.application.VmService.VmView;

/**
 * Snapshots of a VM: take one, go back to one, start a new VM from one, delete one. Only the VM's
 * owner (or a platform admin) may; another's VM is answered as if it did not exist. Snapshot
 * storage counts against the tenant's and the user's snapshot quota.
 */
public interface SnapshotService {

  /**
   * The VM's snapshots, oldest first.
   *
   * @param actor who asks
   * @param vmId the VM
   * @return its snapshots
   */
  List<SnapshotView> list(Actor actor, long vmId);

  /**
   * Takes a snapshot. A disk snapshot needs the VM stopped; one with memory needs it running or
   * paused. Without a kind, the VM's state decides.
   *
   * @param actor who asks
   * @param vmId the VM
   * @param request the snapshot's name and kind
   * @return the snapshot
   */
  SnapshotView create(Actor actor, long vmId, CreateSnapshotRequest request);

  /**
   * Returns the VM to a snapshot: running where it was for a snapshot with memory, stopped with the
   * snapshot's disk otherwise. What happened since is lost.
   *
   * @param actor who asks
   * @param vmId the VM
   * @param snapshotId the snapshot
   * @return the VM after the revert
   */
  VmView revert(Actor actor, long vmId, long snapshotId);

  /**
   * Creates and starts a new VM whose disk starts as the snapshot's; the new VM boots afresh (its
   * memory is not copied) and is counted against quota like any other.
   *
   * @param actor who asks (the new VM's owner)
   * @param vmId the VM the snapshot belongs to
   * @param snapshotId the snapshot
   * @param name the new VM's name
   * @return the new VM
   */
  VmView bootNewVm(Actor actor, long vmId, long snapshotId, String name);

  /**
   * Deletes a snapshot and frees its quota.
   *
   * @param actor who asks
   * @param vmId the VM
   * @param snapshotId the snapshot
   */
  void delete(Actor actor, long vmId, long snapshotId);

  /**
   * A snapshot to take.
   *
   * @param name its name
   * @param kind {@code disk} or {@code disk-and-memory}; null or empty lets the VM's state decide
   */
  record CreateSnapshotRequest(String name, String kind) {}

  /**
   * A snapshot as pages show it.
   *
   * @param id its id
   * @param vmId its VM
   * @param name its name
   * @param kind {@code DISK} or {@code DISK_AND_MEMORY}
   * @param sizeBytes the storage it counts for
   * @param createdAt when it was taken
   */
  record SnapshotView(
      long id, long vmId, String name, String kind, long sizeBytes, Instant createdAt) {}
}

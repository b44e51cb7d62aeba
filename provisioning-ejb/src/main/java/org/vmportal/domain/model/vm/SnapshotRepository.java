package org.vmportal.domain.model.vm;

import java.util.List;
import java.util.Optional;

/** Where snapshots are kept. */
public interface SnapshotRepository {

  /**
   * A VM's snapshots, oldest first.
   *
   * @param vmId the VM
   * @return its snapshots
   */
  List<Snapshot> findByVm(long vmId);

  /**
   * One snapshot of one VM.
   *
   * @param vmId the VM
   * @param snapshotId the snapshot
   * @return the snapshot, if it belongs to that VM
   */
  Optional<Snapshot> find(long vmId, long snapshotId);

  /**
   * A snapshot by id alone, for the service's own bookkeeping after ownership was checked.
   *
   * @param snapshotId the snapshot
   * @return the snapshot
   */
  Optional<Snapshot> findAny(long snapshotId);

  /**
   * Stores a new or changed snapshot.
   *
   * @param snapshot the snapshot
   * @return the stored snapshot
   */
  Snapshot store(Snapshot snapshot);

  /**
   * Deletes a snapshot's row.
   *
   * @param snapshot the snapshot
   */
  void remove(Snapshot snapshot);

  /**
   * Deletes every snapshot row of a VM.
   *
   * @param vmId the VM
   */
  void removeAllOf(long vmId);
}

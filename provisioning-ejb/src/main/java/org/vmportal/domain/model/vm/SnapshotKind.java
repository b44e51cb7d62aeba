package org.vmportal.domain.model.vm;

/** What a snapshot keeps. */
public enum SnapshotKind {
  /** The disk only; taken while the VM is stopped, reverting leaves it stopped. */
  DISK,
  /** The disk and the running guest's memory; reverting resumes the guest where it was. */
  DISK_AND_MEMORY
}

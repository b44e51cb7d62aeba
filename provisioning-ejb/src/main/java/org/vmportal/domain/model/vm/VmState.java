package org.vmportal.domain.model.vm;

/** Where a VM is in its life; persisted, so a restarted portal knows what was under way. */
public enum VmState {
  /** Row written, overlay and domain being made. */
  CREATING,
  STOPPED,
  STARTING,
  RUNNING,
  PAUSED,
  STOPPING,
  HIBERNATED,
  /** Something failed; {@code stateReason} says what. */
  ERROR,
  /** Being wiped. */
  DELETING;

  /** Whether an operation is under way that the VM must finish first. */
  public boolean isTransitional() {
    return this == CREATING || this == STARTING || this == STOPPING || this == DELETING;
  }
}

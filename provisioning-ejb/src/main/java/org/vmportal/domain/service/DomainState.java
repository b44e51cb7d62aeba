package org.vmportal.domain.service;

/** What the hypervisor reports about a domain (a defined virtual machine) right now. */
public enum DomainState {
  /** Running, including briefly blocked on a resource. */
  RUNNING,
  /** Paused by the hypervisor or an operator; memory is kept. */
  PAUSED,
  /** Shutting down on the guest's or an operator's request. */
  SHUTTING_DOWN,
  /** Defined but not running. */
  SHUTOFF,
  /** The guest crashed. */
  CRASHED,
  /** Suspended by the guest's power management (ACPI S3/S4). */
  SUSPENDED,
  /** The hypervisor reports no state. */
  UNKNOWN,
  /** No domain of that name exists. */
  ABSENT
}

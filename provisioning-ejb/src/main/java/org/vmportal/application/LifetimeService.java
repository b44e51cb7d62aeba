package org.vmportal.application;

/**
 * Frees the host from VMs nobody uses: idle running VMs are hibernated, long-unused VMs are wiped,
 * both after configurable times, both audited.
 */
public interface LifetimeService {

  /**
   * One pass over every VM.
   *
   * @return how many VMs were hibernated or wiped
   */
  int apply();
}

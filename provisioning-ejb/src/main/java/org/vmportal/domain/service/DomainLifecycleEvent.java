package org.vmportal.domain.service;

import java.util.Objects;

/**
 * A domain changed state on the hypervisor host: started, stopped, paused, resumed, crashed or was
 * undefined, whoever caused it (the portal, an operator, the guest or a failure).
 *
 * @param domainName the domain's name
 * @param state the state it entered; {@link DomainState#ABSENT} when it was undefined
 * @param reason the hypervisor's word for why, in lower case, such as {@code booted}, {@code
 *     restored}, {@code shutdown}, {@code destroyed}, {@code saved}, {@code failed} (its process
 *     died) or {@code crashed}
 */
public record DomainLifecycleEvent(String domainName, DomainState state, String reason) {

  /** Rejects missing parts. */
  public DomainLifecycleEvent {
    Objects.requireNonNull(domainName, "domainName");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(reason, "reason");
  }
}

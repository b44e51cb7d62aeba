package org.vmportal.infrastructure.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.libvirt.event.DomainEvent;
import org.libvirt.event.DomainEventType;
import org.vmportal.domain.service.DomainLifecycleEvent;
import org.vmportal.domain.service.DomainState;

/** libvirt's event types and details, as the portal sees them. */
class LifecycleSubscriptionTest {

  private static DomainLifecycleEvent translate(DomainEventType type, int detail) {
    return LifecycleSubscription.translate("vm", new DomainEvent(type, detail)).orElseThrow();
  }

  @Test
  void aKilledQemuIsAFailedStop() {
    // VIR_DOMAIN_EVENT_STOPPED_FAILED = 5: what libvirt reports when QEMU dies under it.
    assertThat(translate(DomainEventType.STOPPED, 5))
        .isEqualTo(new DomainLifecycleEvent("vm", DomainState.SHUTOFF, "failed"));
  }

  @Test
  void statesFollowTheEventTypes() {
    assertThat(translate(DomainEventType.STARTED, 1).state()).isEqualTo(DomainState.RUNNING);
    assertThat(translate(DomainEventType.STARTED, 1).reason()).isEqualTo("migrated");
    assertThat(translate(DomainEventType.SUSPENDED, 0).state()).isEqualTo(DomainState.PAUSED);
    assertThat(translate(DomainEventType.RESUMED, 0).state()).isEqualTo(DomainState.RUNNING);
    assertThat(translate(DomainEventType.SHUTDOWN, 0).state()).isEqualTo(DomainState.SHUTTING_DOWN);
    assertThat(translate(DomainEventType.CRASHED, 0))
        .isEqualTo(new DomainLifecycleEvent("vm", DomainState.CRASHED, "panicked"));
    assertThat(translate(DomainEventType.PMSUSPENDED, 0).state()).isEqualTo(DomainState.SUSPENDED);
    assertThat(translate(DomainEventType.UNDEFINED, 0).state()).isEqualTo(DomainState.ABSENT);
  }

  @Test
  void definitionsChangeNoState() {
    assertThat(LifecycleSubscription.translate("vm", new DomainEvent(DomainEventType.DEFINED, 0)))
        .isEmpty();
  }

  @Test
  void unknownDetailsStillReportTheState() {
    assertThat(translate(DomainEventType.STOPPED, 99))
        .isEqualTo(new DomainLifecycleEvent("vm", DomainState.SHUTOFF, "unknown"));
  }
}

package org.vmportal.domain.model.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditEventTest {

  @Test
  void overlongDetailIsCutSoTheLineIsStillWritten() {
    AuditEvent event =
        new AuditEvent(
            Instant.now(), "alice", 1L, "SIGN_IN", null, Outcome.SUCCESS, "x".repeat(5000), null);
    assertThat(event.getDetail()).hasSize(AuditEvent.MAX_DETAIL);
  }

  @Test
  void targetIsSplitIntoTypeAndId() {
    AuditEvent event =
        new AuditEvent(
            Instant.now(),
            "alice",
            1L,
            "SIGN_IN",
            new AuditTarget("user", "7"),
            Outcome.SUCCESS,
            null,
            "127.0.0.1");
    assertThat(event.getTargetType()).isEqualTo("user");
    assertThat(event.getTargetId()).isEqualTo("7");
  }

  @Test
  void actorActionAndOutcomeAreRequired() {
    assertThatThrownBy(
            () -> new AuditEvent(Instant.now(), null, null, "X", null, Outcome.SUCCESS, null, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(
            () -> new AuditEvent(Instant.now(), "a", null, null, null, Outcome.SUCCESS, null, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new AuditEvent(Instant.now(), "a", null, "X", null, null, null, null))
        .isInstanceOf(NullPointerException.class);
  }
}

package org.vmportal.guacamole.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.vmportal.guacamole.access.TicketRefusedException.Reason;

class TicketCodecTest {

  private static final byte[] KEY =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  private static final ConsoleTicket TICKET =
      new ConsoleTicket(
          "0123456789abcdef0123456789abcdef", 7, 42, ConsoleKind.DESKTOP, NOW.plusSeconds(60));

  private final TicketCodec codec = new TicketCodec(KEY);

  @Test
  void aSealedTicketOpensToTheSameTicketBeforeItExpires() throws Exception {
    assertThat(codec.open(codec.seal(TICKET), NOW.plusSeconds(59))).isEqualTo(TICKET);
  }

  @Test
  void anExpiredTicketIsRefused() {
    assertRefused(codec.seal(TICKET), NOW.plusSeconds(60), Reason.EXPIRED);
  }

  @Test
  void aTicketWithAnotherVmPutIntoItsPayloadIsRefused() {
    String token = codec.seal(TICKET);
    String payload =
        new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
    String forged =
        Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(payload.replace("|42|", "|43|").getBytes())
            + token.substring(token.indexOf('.'));
    assertRefused(forged, NOW, Reason.BAD_SIGNATURE);
  }

  @Test
  void aTicketSignedWithAnotherKeyIsRefused() {
    byte[] otherKey = KEY.clone();
    otherKey[0] ^= 1;
    assertRefused(new TicketCodec(otherKey).seal(TICKET), NOW, Reason.BAD_SIGNATURE);
  }

  @Test
  void garbageIsRefusedAsMalformedOrUnsigned() {
    assertRefused(null, NOW, Reason.MALFORMED);
    assertRefused("not a ticket", NOW, Reason.MALFORMED);
    assertRefused("x".repeat(600), NOW, Reason.MALFORMED);
    assertRefused("abc.def", NOW, Reason.BAD_SIGNATURE);
  }

  @Test
  void aShortKeyIsRejected() {
    assertThatThrownBy(() -> new TicketCodec(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
  }

  private void assertRefused(String token, Instant at, Reason reason) {
    assertThatThrownBy(() -> codec.open(token, at))
        .isInstanceOfSatisfying(
            TicketRefusedException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessageContaining("console");
  }
}

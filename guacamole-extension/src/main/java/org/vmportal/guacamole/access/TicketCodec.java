package org.vmportal.guacamole.access;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.vmportal.guacamole.access.TicketRefusedException.Reason;

/**
 * Turns a {@link ConsoleTicket} into a string a browser can carry and back, signed with HMAC-SHA256
 * under a key shared by the portal and the Guacamole extension. The string holds no secret (no VNC
 * host, port or password), only ids; its signature makes it unforgeable, its expiry short-lived.
 * Single use is the {@link ConsoleDirectory}'s job.
 */
public final class TicketCodec {

  /** Keys shorter than this are refused: HMAC-SHA256 wants at least 256 bits. */
  public static final int MIN_KEY_BYTES = 32;

  private static final String ALGORITHM = "HmacSHA256";
  private static final String VERSION = "1";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final SecretKeySpec key;

  /**
   * A codec for one key.
   *
   * @param key at least {@value #MIN_KEY_BYTES} bytes
   */
  public TicketCodec(byte[] key) {
    if (key == null || key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          "The console ticket key must be at least " + MIN_KEY_BYTES + " bytes");
    }
    this.key = new SecretKeySpec(key.clone(), ALGORITHM);
  }

  /**
   * The ticket as a signed string: {@code base64url(payload) "." base64url(hmac)}.
   *
   * @param ticket the ticket
   * @return the string to hand to the browser
   */
  public String seal(ConsoleTicket ticket) {
    String payload =
        String.join(
            "|",
            VERSION,
            ticket.id(),
            Long.toString(ticket.userId()),
            Long.toString(ticket.vmId()),
            ticket.kind().name(),
            Long.toString(ticket.expiresAt().toEpochMilli()));
    byte[] bytes = payload.getBytes(StandardCharsets.US_ASCII);
    return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(bytes));
  }

  /**
   * The ticket a string holds, if its signature is right and it has not expired.
   *
   * @param token what {@link #seal} returned
   * @param now the current time
   * @return the ticket
   * @throws TicketRefusedException MALFORMED, BAD_SIGNATURE or EXPIRED
   */
  public ConsoleTicket open(String token, Instant now) throws TicketRefusedException {
    if (token == null || token.length() > 512) {
      throw malformed();
    }
    int dot = token.indexOf('.');
    byte[] payload;
    byte[] signature;
    try {
      payload = DECODER.decode(token.substring(0, Math.max(dot, 0)));
      signature = DECODER.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      throw malformed();
    }
    if (dot < 0 || !MessageDigest.isEqual(mac(payload), signature)) {
      throw new TicketRefusedException(
          Reason.BAD_SIGNATURE,
          "This console link is not valid. Open the console from the portal.");
    }
    ConsoleTicket ticket = parse(new String(payload, StandardCharsets.US_ASCII));
    if (!now.isBefore(ticket.expiresAt())) {
      throw new TicketRefusedException(
          Reason.EXPIRED, "This console link has expired. Open the console again from the portal.");
    }
    return ticket;
  }

  private static ConsoleTicket parse(String payload) throws TicketRefusedException {
    String[] fields = payload.split("\\|", -1);
    if (fields.length != 6 || !VERSION.equals(fields[0])) {
      throw malformed();
    }
    try {
      return new ConsoleTicket(
          fields[1],
          Long.parseLong(fields[2]),
          Long.parseLong(fields[3]),
          ConsoleKind.valueOf(fields[4]),
          Instant.ofEpochMilli(Long.parseLong(fields[5])));
    } catch (IllegalArgumentException e) {
      throw malformed();
    }
  }

  private static TicketRefusedException malformed() {
    return new TicketRefusedException(
        Reason.MALFORMED, "This console link is not valid. Open the console from the portal.");
  }

  private byte[] mac(byte[] payload) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}

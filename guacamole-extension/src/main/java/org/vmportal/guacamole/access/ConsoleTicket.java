package org.vmportal.guacamole.access;

import java.time.Instant;
import java.util.Objects;

/**
 * What a console ticket grants: one console of one VM, to one portal user, until it expires, once.
 *
 * @param id random, the ticket's row in {@code console_tickets}; what makes it single-use
 * @param userId the portal user ({@code users.id}) it was issued to
 * @param vmId the VM
 * @param kind desktop or terminal
 * @param expiresAt the last instant it can be opened
 */
public record ConsoleTicket(
    String id, long userId, long vmId, ConsoleKind kind, Instant expiresAt) {

  /** Ticket ids are 32 lowercase hex digits (128 random bits). */
  public ConsoleTicket {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (id == null || !id.matches("[0-9a-f]{32}")) {
      throw new IllegalArgumentException("Bad ticket id: " + id);
    }
  }
}

package org.vmportal.guacamole.connection;

import java.util.Objects;
import org.vmportal.guacamole.access.ConsoleKind;

/**
 * One console of one VM as one portal user reaches it: what every check of "may this still be
 * open?" asks the {@link org.vmportal.guacamole.access.ConsoleDirectory} about.
 *
 * @param username the portal user's name ({@code users.username}), for the audit log
 * @param userId the portal user ({@code users.id})
 * @param vmId the VM
 * @param kind desktop or terminal
 */
public record UserConsole(String username, long userId, long vmId, ConsoleKind kind) {

  /** A user and a kind are always named. */
  public UserConsole {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(kind, "kind");
  }
}

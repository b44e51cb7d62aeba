package org.vmportal.guacamole.access;

import java.util.Locale;
import java.util.Optional;

/** What a console shows: the VM's screen over VNC, or its serial port as a text terminal. */
public enum ConsoleKind {
  DESKTOP("vnc"),
  TERMINAL("telnet");

  private final String protocol;

  ConsoleKind(String protocol) {
    this.protocol = protocol;
  }

  /**
   * The guacd protocol that serves this kind.
   *
   * @return {@code vnc} or {@code telnet}
   */
  public String protocol() {
    return protocol;
  }

  /**
   * The kind a request names, case-insensitively.
   *
   * @param name {@code desktop} or {@code terminal}
   * @return the kind, or empty for anything else (including null)
   */
  public static Optional<ConsoleKind> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    for (ConsoleKind kind : values()) {
      if (kind.name().equals(name.toUpperCase(Locale.ROOT))) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}

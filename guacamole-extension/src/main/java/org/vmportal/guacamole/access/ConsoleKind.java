package org.vmportal.guacamole.access;

import java.util.Locale;
import java.util.Optional;

/**
 * What a console shows: a VM's screen over VNC, its serial port as a text terminal, or the screen
 * of the installer VM building a base image (platform admins only).
 */
public enum ConsoleKind {
  DESKTOP("vnc"),
  TERMINAL("telnet"),
  INSTALLER("vnc");

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

package org.vmportal.application.internal;

import org.vmportal.application.PortalException;
import org.vmportal.application.PortalException.Kind;

/** Names people give to VMs, snapshots and templates: free text, shown escaped, but bounded. */
final class DisplayNames {

  static final int MAX_LENGTH = 64;

  private DisplayNames() {}

  /**
   * A name as typed, checked.
   *
   * @param raw the name
   * @param what what is named, for the message ("VM", "snapshot")
   * @return the name without surrounding blanks
   * @throws PortalException {@link Kind#INVALID} when it is empty, too long or has control
   *     characters
   */
  static String checked(String raw, String what) {
    String name = raw == null ? "" : raw.strip();
    if (name.isEmpty()) {
      throw new PortalException(Kind.INVALID, "Give the " + what + " a name.");
    }
    if (name.length() > MAX_LENGTH) {
      throw new PortalException(
          Kind.INVALID, "The name is too long (at most " + MAX_LENGTH + " characters).");
    }
    if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new PortalException(Kind.INVALID, "The name contains control characters.");
    }
    return name;
  }
}

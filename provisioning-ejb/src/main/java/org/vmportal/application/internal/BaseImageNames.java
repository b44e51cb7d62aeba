package org.vmportal.application.internal;

import org.vmportal.application.PortalException;
import org.vmportal.application.PortalException.Kind;

/** Checks the names an admin types for a base image, and says when one is taken. */
final class BaseImageNames {

  private BaseImageNames() {}

  static void check(String name, String osName, String osVersion) {
    field("The base image's name", name, 128);
    field("The OS name", osName, 128);
    field("The OS version", osVersion, 64);
  }

  /** The refusal when the catalog already has a base image of that name. */
  static PortalException taken(String name) {
    return new PortalException(
        Kind.CONFLICT, "A base image named \u201c" + name + "\u201d already exists.");
  }

  private static void field(String label, String value, int maxLength) {
    if (value == null || value.isBlank()) {
      throw new PortalException(Kind.INVALID, label + " is required.");
    }
    if (value.strip().length() > maxLength) {
      throw new PortalException(
          Kind.INVALID, label + " is too long (at most " + maxLength + " characters).");
    }
    if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new PortalException(Kind.INVALID, label + " contains control characters.");
    }
  }
}

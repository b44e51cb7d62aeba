package org.vmportal.infrastructure.libvirt;

import java.nio.charset.StandardCharsets;

/**
 * The rule for volume names, which become file names inside a pool directory: nothing that could
 * leave the directory or confuse a shell or log reader.
 */
final class VolumeNames {

  /** Longest accepted name, in characters. */
  static final int MAX_LENGTH = 200;

  private VolumeNames() {}

  /**
   * Returns the name when it is a safe file name.
   *
   * @throws IllegalArgumentException when it is empty, longer than {@value #MAX_LENGTH} characters
   *     or 255 bytes, contains {@code /}, {@code ..} or a control character, or is {@code .}
   */
  static String requireValid(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("Volume name is empty");
    }
    if (name.length() > MAX_LENGTH || name.getBytes(StandardCharsets.UTF_8).length > 255) {
      throw new IllegalArgumentException(
          "Volume name is longer than " + MAX_LENGTH + " characters");
    }
    if (name.indexOf('/') >= 0 || name.contains("..") || name.equals(".")) {
      throw new IllegalArgumentException("Volume name must not contain '/' or '..': " + name);
    }
    if (name.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("Volume name contains a control character");
    }
    return name;
  }

  /** Like {@link #requireValid}, and the name must end in {@code .qcow2}. */
  static String requireQcow2(String name) {
    requireValid(name);
    if (!name.endsWith(".qcow2") || name.equals(".qcow2")) {
      throw new IllegalArgumentException("A qcow2 volume's name must end in .qcow2: " + name);
    }
    return name;
  }
}

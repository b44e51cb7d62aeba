package org.vmportal.domain.model.image;

/**
 * Turns a name a browser sent for an uploaded file into a name fit to show. The name is never used
 * as a path: stored files get generated names. Markup is kept as text (pages escape it).
 */
public final class FileNames {

  /** The longest name accepted. */
  public static final int MAX_LENGTH = 255;

  private FileNames() {}

  /**
   * The display name for an uploaded file.
   *
   * @param raw the name as sent, possibly with a client path such as {@code C:\isos\x.iso}
   * @return the last path segment, trimmed
   * @throws IllegalArgumentException with a message for people when the name is empty, too long, or
   *     contains control characters (NUL included)
   */
  public static String displayName(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new IllegalArgumentException("The file needs a name.");
    }
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
        throw new IllegalArgumentException("The file name contains control characters.");
      }
    }
    String name = raw.substring(Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\')) + 1).strip();
    if (name.isEmpty() || name.equals(".") || name.equals("..")) {
      throw new IllegalArgumentException("The file name is empty once its folders are removed.");
    }
    if (name.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "The file name is too long ("
              + name.length()
              + " characters; at most "
              + MAX_LENGTH
              + ").");
    }
    return name;
  }
}

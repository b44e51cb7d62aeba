package org.vmportal.infrastructure.persistence.jpa;

/**
 * Text filters for native SQL: what counts as given, and a LIKE pattern that matches it literally.
 */
final class SqlText {

  private SqlText() {}

  /** Whether a filter text was given. */
  static boolean present(String text) {
    return text != null && !text.isBlank();
  }

  /**
   * {@code %text%} with LIKE's own wildcards taken literally. The portal's columns use a
   * case-insensitive collation, so the match ignores case.
   */
  static String contains(String text) {
    return "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }
}

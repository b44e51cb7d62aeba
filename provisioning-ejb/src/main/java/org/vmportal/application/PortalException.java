package org.vmportal.application;

import jakarta.ejb.ApplicationException;

/**
 * A request the portal refuses or cannot complete, with a message meant for the person who made it.
 * The {@link Kind} tells the interfaces layer how to answer (a REST status, a Faces message). The
 * transaction is rolled back; refusals are audited in a transaction of their own.
 */
@ApplicationException(rollback = true)
public class PortalException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What went wrong, in terms a REST answer can carry. */
  public enum Kind {
    /** The input is not acceptable (400). */
    INVALID,
    /** The caller may not do this (403). */
    FORBIDDEN,
    /** No such thing, or none the caller may see (404). */
    NOT_FOUND,
    /** It clashes with the current state (409). */
    CONFLICT,
    /** Too big for a limit or quota (413). */
    TOO_LARGE,
    /** The content is of the wrong kind (415). */
    UNSUPPORTED,
    /** The storage is full (507). */
    STORAGE_FULL,
    /** A part of the platform failed (500). */
    FAILED
  }

  private final Kind kind;

  /**
   * A refusal or failure.
   *
   * @param kind what went wrong
   * @param message what the person is told
   */
  public PortalException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  /**
   * A failure with its cause.
   *
   * @param kind what went wrong
   * @param message what the person is told
   * @param cause the underlying error, for the log
   */
  public PortalException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind getKind() {
    return kind;
  }
}

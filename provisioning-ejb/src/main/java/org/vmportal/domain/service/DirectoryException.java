package org.vmportal.domain.service;

/** The identity directory refused a change, or could not be reached. */
public class DirectoryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Kind {
    /** The name is taken. */
    CONFLICT,
    /** The account or group does not exist. */
    NOT_FOUND,
    /** The directory failed or could not be reached. */
    FAILED
  }

  private final Kind kind;

  /**
   * A refusal or failure.
   *
   * @param kind what went wrong
   * @param message what happened, for the log
   */
  public DirectoryException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  /**
   * A failure with its cause.
   *
   * @param message what happened
   * @param cause the underlying error
   */
  public DirectoryException(String message, Throwable cause) {
    super(message, cause);
    this.kind = Kind.FAILED;
  }

  public Kind getKind() {
    return kind;
  }
}

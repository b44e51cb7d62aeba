package org.vmportal.domain.service;

/** A storage operation failed in the hypervisor layer; the message is fit for an operator's log. */
public class StorageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * A failure with its cause.
   *
   * @param message what was attempted
   * @param cause what went wrong underneath
   */
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * A failure without an underlying cause.
   *
   * @param message what went wrong
   */
  public StorageException(String message) {
    super(message);
  }
}

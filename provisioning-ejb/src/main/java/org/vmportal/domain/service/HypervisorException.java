package org.vmportal.domain.service;

/** A hypervisor operation failed; the message is fit for an operator's log. */
public class HypervisorException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * A failure with its cause.
   *
   * @param message what was attempted
   * @param cause what went wrong underneath
   */
  public HypervisorException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * A failure without an underlying cause.
   *
   * @param message what went wrong
   */
  public HypervisorException(String message) {
    super(message);
  }
}

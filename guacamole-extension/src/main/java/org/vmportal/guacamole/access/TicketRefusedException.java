package org.vmportal.guacamole.access;

/**
 * A console ticket, or the console it names, is not to be opened; the message is for the person.
 */
public class TicketRefusedException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why, for the audit log and for tests; the message says it in words. */
  public enum Reason {
    MALFORMED,
    BAD_SIGNATURE,
    EXPIRED,
    ALREADY_USED,
    WRONG_USER,
    NOT_AVAILABLE
  }

  private final Reason reason;

  /**
   * A refusal.
   *
   * @param reason why
   * @param message what to tell the person
   */
  public TicketRefusedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /**
   * Why the ticket was refused.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}

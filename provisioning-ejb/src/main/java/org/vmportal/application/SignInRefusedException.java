package org.vmportal.application;

import jakarta.ejb.ApplicationException;

/**
 * A sign-in the portal refuses although Keycloak accepted it, with a message meant for the person.
 * The transaction is kept, so the refusal stays in the audit trail.
 */
@ApplicationException(rollback = false)
public class SignInRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * A refusal.
   *
   * @param message what the person is told
   */
  public SignInRefusedException(String message) {
    super(message);
  }
}

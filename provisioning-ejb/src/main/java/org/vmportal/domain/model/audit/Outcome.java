package org.vmportal.domain.model.audit;

/** How an audited action ended. */
public enum Outcome {
  SUCCESS,
  REFUSED,
  FAILED
}

package org.vmportal.domain.model.audit;

import java.util.Objects;

/**
 * The resource an audited action concerned.
 *
 * @param type the kind of resource, such as {@code user} or {@code vm}
 * @param id the resource's id
 */
public record AuditTarget(String type, String id) {

  /** Rejects a target without a type or id. */
  public AuditTarget {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
  }
}

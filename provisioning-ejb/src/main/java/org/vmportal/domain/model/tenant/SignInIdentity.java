package org.vmportal.domain.model.tenant;

import java.util.List;
import java.util.Objects;

/**
 * What Keycloak's token says about a person signing in.
 *
 * @param subject the stable Keycloak user id ({@code sub})
 * @param username the preferred username
 * @param email the e-mail address, may be {@code null}
 * @param fullName the display name, may be {@code null}
 * @param roles Keycloak realm role names
 * @param groupPaths full Keycloak group paths, of which {@code /tenants/<slug>} names the tenant
 */
public record SignInIdentity(
    String subject,
    String username,
    String email,
    String fullName,
    List<String> roles,
    List<String> groupPaths) {

  /** Rejects a token without the two claims every sign-in needs. */
  public SignInIdentity {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(username, "username");
    roles = List.copyOf(roles);
    groupPaths = List.copyOf(groupPaths);
  }
}

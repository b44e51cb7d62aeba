package org.vmportal.application;

import jakarta.validation.constraints.NotNull;
import org.vmportal.domain.model.tenant.PortalUser;
import org.vmportal.domain.model.tenant.SignInIdentity;

/** Signing in: turns a Keycloak identity into the portal's user and tenant, just in time. */
public interface SignInService {

  /**
   * Records a sign-in. Creates the user's and the tenant's rows on the first sign-in and refreshes
   * them from the token on later ones; writes the sign-in to the audit trail.
   *
   * @param identity what the token says
   * @param clientAddress the browser's address, for the audit trail
   * @return the signed-in user
   * @throws SignInRefusedException when the token carries no portal role, no or several tenants, or
   *     the user is disabled in the portal
   */
  PortalUser signIn(
      @NotNull(message = "A sign-in needs an identity") SignInIdentity identity,
      String clientAddress);

  /**
   * Records a sign-out; in a tenant that asks for it, the person's running VMs are shut down in the
   * background.
   *
   * @param actor who signs out
   */
  void signedOut(@NotNull(message = "A sign-out needs a person") Actor actor);

  /**
   * Whether the Keycloak session a portal session was signed in with still lives: a portal session
   * whose Keycloak session expired or was ended there must end too.
   *
   * @param subject the person's Keycloak user id
   * @param keycloakSessionId the {@code sid} of the token the portal session was signed in with
   * @return false when Keycloak no longer has that session; true when it has, or cannot tell
   */
  boolean keycloakSessionAlive(String subject, String keycloakSessionId);

  /**
   * Audits a page the web container refused a signed-in person (a role constraint).
   *
   * @param actor who asked
   * @param path the page
   */
  void pageRefused(Actor actor, String path);
}

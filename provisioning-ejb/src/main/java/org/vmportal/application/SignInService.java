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
}

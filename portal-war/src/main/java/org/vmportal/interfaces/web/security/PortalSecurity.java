package org.vmportal.interfaces.web.security;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.OpenIdAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.openid.ClaimsDefinition;

/**
 * Signs people in through Keycloak with OpenID Connect (authorization code flow). Keycloak's realm
 * maps realm roles into the {@code groups} claim, which become the container roles that {@code
 * web.xml} checks.
 */
@OpenIdAuthenticationMechanismDefinition(
    providerURI = "${oidcSettings.providerUri}",
    clientId = "${oidcSettings.clientId}",
    clientSecret = "${oidcSettings.clientSecret}",
    redirectURI = "${baseURL}/callback",
    // Soteria's restore of the original request breaks Faces (null parameter map), so the
    // callback lands on the front door instead; see CallbackServlet.
    redirectToOriginalResource = false,
    claimsDefinition =
        @ClaimsDefinition(callerNameClaim = "preferred_username", callerGroupsClaim = "groups"))
@DeclareRoles({"platform-admin", "tenant-admin", "guest"})
@ApplicationScoped
public class PortalSecurity {}

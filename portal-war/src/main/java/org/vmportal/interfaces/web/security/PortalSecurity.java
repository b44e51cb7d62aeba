package org.vmportal.interfaces.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.OpenIdAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.openid.ClaimsDefinition;

/**
 * Signs people in through Keycloak with OpenID Connect (authorization code flow). Keycloak's realm
 * maps realm roles into the {@code groups} claim, which the sign-in records as the person's role;
 * {@code web.xml} asks only for a signed-in caller, and {@code SignInFilter} decides the admin
 * pages from that record.
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
@ApplicationScoped
public class PortalSecurity {}

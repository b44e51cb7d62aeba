package org.vmportal.interfaces.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where Keycloak is and how the portal identifies itself to it. MicroProfile Config keys, so
 * environment variables such as {@code PORTAL_OIDC_PROVIDER_URI} override the local-stack defaults.
 */
@Named("oidcSettings")
@ApplicationScoped
public class OidcSettings {

  @Inject
  @ConfigProperty(
      name = "portal.oidc.provider-uri",
      defaultValue = "http://127.0.0.1:8180/realms/vmportal")
  String providerUri;

  @Inject
  @ConfigProperty(name = "portal.oidc.client-id", defaultValue = "portal")
  String clientId;

  @Inject
  @ConfigProperty(name = "portal.oidc.client-secret", defaultValue = "portal-local-secret")
  String clientSecret;

  /** The realm's issuer URI; discovery is read from below it. */
  public String getProviderUri() {
    return providerUri;
  }

  /** The portal's client id in the realm. */
  public String getClientId() {
    return clientId;
  }

  /** The portal's client secret. */
  public String getClientSecret() {
    return clientSecret;
  }

  /** Keycloak's end-session endpoint, where logout ends the Keycloak session. */
  public String getEndSessionEndpoint() {
    return providerUri + "/protocol/openid-connect/logout";
  }
}

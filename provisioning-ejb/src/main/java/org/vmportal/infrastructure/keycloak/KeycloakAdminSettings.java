package org.vmportal.infrastructure.keycloak;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where Keycloak's admin API is and the service-account client the portal uses there. The realm and
 * server come from the same {@code portal.oidc.provider-uri} the login uses; the client's
 * credentials from {@code portal.keycloak.admin.client-id} and {@code
 * portal.keycloak.admin.client-secret} (environment {@code PORTAL_KEYCLOAK_ADMIN_CLIENT_SECRET}),
 * defaulting to the local realm's {@code portal-admin}.
 */
@ApplicationScoped
public class KeycloakAdminSettings {

  private static final String REALMS = "/realms/";

  @Inject
  @ConfigProperty(
      name = "portal.oidc.provider-uri",
      defaultValue = "http://127.0.0.1:8180/realms/vmportal")
  String providerUri;

  @Inject
  @ConfigProperty(name = "portal.keycloak.admin.client-id", defaultValue = "portal-admin")
  String clientId;

  @Inject
  @ConfigProperty(
      name = "portal.keycloak.admin.client-secret",
      defaultValue = "portal-admin-local-secret")
  String clientSecret;

  /** The realm's token endpoint, where the service account gets its access token. */
  URI tokenEndpoint() {
    return URI.create(providerUri + "/protocol/openid-connect/token");
  }

  /**
   * An admin API address in the portal's realm.
   *
   * @param path below {@code /admin/realms/<realm>}, starting with a slash
   * @return the address
   */
  URI admin(String path) {
    int at = providerUri.indexOf(REALMS);
    if (at < 0) {
      throw new IllegalStateException(
          "portal.oidc.provider-uri must end in /realms/<realm>: " + providerUri);
    }
    return URI.create(
        providerUri.substring(0, at)
            + "/admin/realms/"
            + providerUri.substring(at + REALMS.length())
            + path);
  }

  String clientId() {
    return clientId;
  }

  String clientSecret() {
    return clientSecret;
  }
}

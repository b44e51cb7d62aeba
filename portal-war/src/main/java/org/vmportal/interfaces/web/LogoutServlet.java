package org.vmportal.interfaces.web;

import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.openid.OpenIdContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.vmportal.application.SignInService;
import org.vmportal.interfaces.web.security.OidcSettings;

/**
 * Signs out of the portal and of Keycloak: ends the HTTP session, then sends the browser to
 * Keycloak's end-session endpoint, which returns it to the portal and so to the login page. The
 * sign-out is audited, and stops the person's VMs where their tenant asks for that.
 */
@WebServlet(LogoutServlet.PATH)
public class LogoutServlet extends HttpServlet {

  /** Where the top bar's "Sign out" points. */
  public static final String PATH = "/logout";

  private static final long serialVersionUID = 1L;

  @Inject private OpenIdContext openIdContext;
  @Inject private OidcSettings oidcSettings;
  @Inject private CurrentUser currentUser;
  @Inject private SignInService signIn;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String portalHome =
        request.getScheme()
            + "://"
            + request.getServerName()
            + ":"
            + request.getServerPort()
            + request.getContextPath()
            + "/";
    String idToken =
        request.getUserPrincipal() == null ? null : openIdContext.getIdentityToken().getToken();
    // Invalidating the session drops the container's authentication and Soteria's tokens alike;
    // request.logout() would commit its own response before the redirect to Keycloak.
    HttpSession session = request.getSession(false);
    if (session != null && currentUser.isSignedIn()) {
      signIn.signedOut(currentUser.actor(request.getRemoteAddr()));
    }
    if (session != null) {
      session.invalidate();
    }
    if (idToken == null) {
      response.sendRedirect(portalHome);
      return;
    }
    response.sendRedirect(
        oidcSettings.getEndSessionEndpoint()
            + "?id_token_hint="
            + URLEncoder.encode(idToken, StandardCharsets.UTF_8)
            + "&post_logout_redirect_uri="
            + URLEncoder.encode(portalHome, StandardCharsets.UTF_8));
  }
}

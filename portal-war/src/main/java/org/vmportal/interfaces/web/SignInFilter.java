package org.vmportal.interfaces.web;

import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.openid.JwtClaims;
import jakarta.security.enterprise.identitystore.openid.OpenIdContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.vmportal.application.SignInRefusedException;
import org.vmportal.application.SignInService;
import org.vmportal.domain.model.tenant.PortalUser;
import org.vmportal.domain.model.tenant.SignInIdentity;

/**
 * Records the sign-in once per HTTP session, on the first request after Keycloak authenticated it:
 * creates or refreshes the user's and tenant's rows, and registers the session with {@link
 * PortalSessions}. A refused sign-in answers 403 with the reason.
 */
@WebFilter(
    urlPatterns = "/*",
    dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR})
public class SignInFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Inject private CurrentUser currentUser;
  @Inject private SignInService signInService;
  @Inject private OpenIdContext openIdContext;
  @Inject private PortalSessions portalSessions;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request.getUserPrincipal() != null && !currentUser.isSignedIn()) {
      if (currentUser.getRefusal() == null) {
        try {
          PortalUser user = signInService.signIn(identity(request), request.getRemoteAddr());
          currentUser.signedIn(user);
          portalSessions.signedIn(
              request.getSession(),
              user.getId(),
              user.getSubject(),
              openIdContext.getIdentityToken().getJwtClaims().getStringClaim("sid").orElse(null));
        } catch (SignInRefusedException e) {
          currentUser.refused(e.getMessage());
        }
      }
      if (currentUser.getRefusal() != null
          && request.getDispatcherType() == DispatcherType.REQUEST
          && !request.getServletPath().equals(LogoutServlet.PATH)) {
        response.sendError(HttpServletResponse.SC_FORBIDDEN, currentUser.getRefusal());
        return;
      }
    }
    chain.doFilter(request, response);
  }

  private SignInIdentity identity(HttpServletRequest request) {
    JwtClaims claims = openIdContext.getIdentityToken().getJwtClaims();
    return new SignInIdentity(
        openIdContext.getSubject(),
        claims.getStringClaim("preferred_username").orElse(request.getUserPrincipal().getName()),
        claims.getStringClaim("email").orElse(null),
        claims.getStringClaim("name").orElse(null),
        claims.getArrayStringClaim("groups"),
        claims.getArrayStringClaim("tenants"));
  }
}

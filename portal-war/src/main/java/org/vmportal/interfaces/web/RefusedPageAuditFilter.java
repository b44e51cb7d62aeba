package org.vmportal.interfaces.web;

import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.vmportal.application.SignInService;

/**
 * Audits the pages the container refuses a signed-in person ({@code web.xml} role constraints):
 * runs when the 403 error page is dispatched. Refusals by the application services are audited
 * there.
 */
@WebFilter(urlPatterns = "/*", dispatcherTypes = DispatcherType.ERROR)
public class RefusedPageAuditFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Inject private CurrentUser currentUser;
  @Inject private SignInService signIn;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    if (Integer.valueOf(HttpServletResponse.SC_FORBIDDEN).equals(status)
        && path != null
        && currentUser.isSignedIn()) {
      signIn.pageRefused(currentUser.actor(request.getRemoteAddr()), path.toString());
    }
    chain.doFilter(request, response);
  }
}

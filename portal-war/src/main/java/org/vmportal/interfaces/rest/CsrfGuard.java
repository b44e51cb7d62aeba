package org.vmportal.interfaces.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;

/**
 * Refuses state-changing API calls that lack the {@value #HEADER} header. The API authenticates by
 * the session cookie, which a browser also sends with a forged cross-site form; a custom header
 * cannot be sent cross-site without a CORS preflight, which the portal never grants.
 */
@Provider
public class CsrfGuard implements ContainerRequestFilter {

  /** The header every state-changing call must carry (any value). */
  public static final String HEADER = "X-Requested-By";

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  @Override
  public void filter(ContainerRequestContext request) {
    if (!SAFE_METHODS.contains(request.getMethod()) && request.getHeaderString(HEADER) == null) {
      request.abortWith(
          Response.status(Response.Status.FORBIDDEN)
              .type(MediaType.APPLICATION_JSON)
              .entity(new ErrorMessage("Missing the " + HEADER + " header."))
              .build());
    }
  }
}

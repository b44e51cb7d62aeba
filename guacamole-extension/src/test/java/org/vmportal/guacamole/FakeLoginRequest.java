package org.vmportal.guacamole;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;

/**
 * A stand-in for the HTTP request the Guacamole web app (which does not run here) hands to its
 * extensions at login: it answers only what guacamole-ext's {@code RequestDetails} copies
 * (parameters, remote address) and is empty otherwise.
 */
public final class FakeLoginRequest {

  private FakeLoginRequest() {}

  /**
   * A login request.
   *
   * @param parameters its form or query parameters
   * @param remoteAddress where it came from
   * @return the request
   */
  public static HttpServletRequest of(Map<String, String> parameters, String remoteAddress) {
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            FakeLoginRequest.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getParameter" -> parameters.get((String) args[0]);
                  case "getParameterValues" ->
                      parameters.containsKey((String) args[0])
                          ? new String[] {parameters.get((String) args[0])}
                          : null;
                  case "getParameterNames" -> Collections.enumeration(parameters.keySet());
                  case "getHeaderNames" -> Collections.emptyEnumeration();
                  case "getRemoteAddr", "getRemoteHost" -> remoteAddress;
                  case "getRequestURI" -> "/guacamole/api/tokens";
                  case "toString" -> "FakeLoginRequest" + parameters.keySet();
                  case "hashCode" -> System.identityHashCode(proxy);
                  case "equals" -> proxy == args[0];
                  default -> null;
                });
  }
}

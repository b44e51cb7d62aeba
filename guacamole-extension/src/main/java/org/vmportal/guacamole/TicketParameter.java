package org.vmportal.guacamole;

import javax.servlet.http.HttpServletRequest;
import org.apache.guacamole.net.RequestDetails;
import org.apache.guacamole.net.auth.Credentials;
import org.vmportal.guacamole.connection.ConnectionIdentifiers;

/**
 * Reads the portal ticket from a login request, on Guacamole 1.6 (request details) and 1.5 (the
 * servlet request; 1.5 has no {@code RequestDetails}).
 */
final class TicketParameter {

  private TicketParameter() {}

  /**
   * The ticket in a login request.
   *
   * @param credentials what the web app received
   * @return the {@value ConnectionIdentifiers#TICKET_PARAMETER} parameter, or null
   */
  static String of(Credentials credentials) {
    String ticket = null;
    try {
      ticket = fromRequestDetails(credentials);
    } catch (LinkageError guacamole15) {
      // Before 1.6 there are no RequestDetails; the servlet request below has the parameter.
    }
    if (ticket == null) {
      ticket = fromServletRequest(credentials);
    }
    return ticket == null || ticket.isBlank() ? null : ticket;
  }

  private static String fromRequestDetails(Credentials credentials) {
    RequestDetails details = credentials.getRequestDetails();
    return details == null ? null : details.getParameter(ConnectionIdentifiers.TICKET_PARAMETER);
  }

  @SuppressWarnings("deprecation") // the only way on 1.5; 1.6 still fills it
  private static String fromServletRequest(Credentials credentials) {
    HttpServletRequest request = credentials.getRequest();
    return request == null ? null : request.getParameter(ConnectionIdentifiers.TICKET_PARAMETER);
  }
}

package org.vmportal.interfaces.web.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.vmportal.interfaces.console.ConsoleSession;
import org.vmportal.interfaces.console.ConsoleSessions;
import org.vmportal.interfaces.web.CurrentUser;
import org.vmportal.interfaces.web.Messages;

/**
 * Active consoles for platform admins: who is connected to which VM since when, and an end button.
 */
@Named
@RequestScoped
public class ConsoleSessionsAdminView {

  @Inject private ConsoleSessions sessions;
  @Inject private CurrentUser currentUser;
  @Inject private HttpServletRequest request;

  /**
   * The open consoles of this portal instance, oldest first.
   *
   * @return the sessions
   */
  public List<ConsoleSession> getSessions() {
    return sessions.list();
  }

  /**
   * Ends one console; the person sees that an administrator ended it.
   *
   * @param sessionId the session
   */
  public void end(String sessionId) {
    if (sessions.endByAdmin(sessionId, currentUser.actor(request.getRemoteAddr()))) {
      Messages.info("The console session was ended.");
    } else {
      Messages.info("That console had already closed.");
    }
  }
}

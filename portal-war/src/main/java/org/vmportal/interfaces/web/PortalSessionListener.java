package org.vmportal.interfaces.web;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

/** Tells {@link PortalSessions} when an HTTP session ends (sign-out, timeout, invalidation). */
@WebListener
public class PortalSessionListener implements HttpSessionListener {

  @Inject private PortalSessions sessions;

  @Override
  public void sessionDestroyed(HttpSessionEvent event) {
    sessions.ended(event.getSession().getId());
  }
}

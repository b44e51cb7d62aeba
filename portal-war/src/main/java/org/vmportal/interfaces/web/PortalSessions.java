package org.vmportal.interfaces.web;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpSession;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.vmportal.application.AccessRevoked;
import org.vmportal.application.SignInService;

/**
 * The signed-in HTTP sessions of this portal instance, by person. A session ends here when the
 * person's access is revoked (disabled, new role or tenant) and when the Keycloak session it was
 * signed in with is gone (expired, or ended in Keycloak), checked every {@code
 * portal.keycloak.session-check-seconds} (30). Ending the HTTP session closes its console
 * WebSockets, so the consoles end with it.
 */
@ApplicationScoped
public class PortalSessions {

  private static final Logger LOG = Logger.getLogger(PortalSessions.class.getName());

  @Inject private SignInService signIn;

  @Inject
  @ConfigProperty(name = "portal.keycloak.session-check-seconds", defaultValue = "30")
  long checkSeconds;

  @Resource private ManagedScheduledExecutorService scheduler;

  private final Map<String, Signed> sessions = new ConcurrentHashMap<>();
  private ScheduledFuture<?> watch;

  /** A signed-in HTTP session and whose it is. */
  private record Signed(HttpSession session, long userId, String subject, String keycloakSession) {}

  @PostConstruct
  void startWatch() {
    watch =
        scheduler.scheduleWithFixedDelay(
            this::endExpired, checkSeconds, checkSeconds, TimeUnit.SECONDS);
  }

  @PreDestroy
  void stopWatch() {
    watch.cancel(false);
  }

  /**
   * Records a session whose sign-in the portal accepted.
   *
   * @param session the HTTP session
   * @param userId the portal user
   * @param subject their Keycloak user id
   * @param keycloakSession the token's {@code sid}, or {@code null} when it had none
   */
  void signedIn(HttpSession session, long userId, String subject, String keycloakSession) {
    sessions.put(session.getId(), new Signed(session, userId, subject, keycloakSession));
  }

  /**
   * Forgets a session that ended.
   *
   * @param sessionId its id
   */
  void ended(String sessionId) {
    sessions.remove(sessionId);
  }

  /**
   * Ends the sessions of a person whose access was revoked, once the change has committed.
   *
   * @param revoked whose
   */
  void onRevoked(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccessRevoked revoked) {
    if (!revoked.endSessions()) {
      return;
    }
    sessions.values().stream()
        .filter(s -> s.userId() == revoked.userId())
        .forEach(s -> end(s, revoked.reason()));
  }

  private void endExpired() {
    for (Signed signed : sessions.values()) {
      try {
        if (signed.keycloakSession() != null
            && !signIn.keycloakSessionAlive(signed.subject(), signed.keycloakSession())) {
          end(signed, "the Keycloak session ended");
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Keycloak session check failed: " + e.getMessage());
      }
    }
  }

  private void end(Signed signed, String why) {
    sessions.remove(signed.session().getId());
    try {
      signed.session().invalidate();
      LOG.log(
          Level.INFO,
          "Ended a portal session of user {0}: {1}",
          new Object[] {signed.userId(), why});
    } catch (IllegalStateException alreadyEnded) {
      // It ended on its own meanwhile.
    }
  }
}

package org.vmportal.interfaces.console;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.apache.guacamole.GuacamoleException;
import org.apache.guacamole.net.InetGuacamoleSocket;
import org.apache.guacamole.net.SimpleGuacamoleTunnel;
import org.apache.guacamole.protocol.ConfiguredGuacamoleSocket;
import org.apache.guacamole.protocol.GuacamoleClientInformation;
import org.apache.guacamole.protocol.GuacamoleInstruction;
import org.apache.guacamole.protocol.GuacamoleStatus;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.vmportal.application.Actor;
import org.vmportal.application.ConsoleService;
import org.vmportal.application.PortalException;
import org.vmportal.guacamole.access.ConsoleDirectory.Redeemed;
import org.vmportal.guacamole.access.ConsoleKind;
import org.vmportal.guacamole.access.ConsoleTarget;
import org.vmportal.guacamole.access.ConsoleTicket;

/**
 * The open consoles of this portal instance: opens them from tickets, lists them for admins, and
 * ends them when they must end. A watchdog re-checks every session every two seconds, so a console
 * is cut soon after its VM stops, is hibernated, wiped or given to another owner, whoever did it.
 */
@ApplicationScoped
public class ConsoleSessions {

  private static final Logger LOG = Logger.getLogger(ConsoleSessions.class.getName());
  private static final long WATCH_SECONDS = 2;
  private static final int MAX_SIDE = 8192;

  /** Console use is written to the database every 15 watchdog rounds (30 s). */
  private static final int ROUNDS_PER_TOUCH = 15;

  @Inject private ConsoleService consoles;

  @Inject
  @ConfigProperty(name = "portal.guacd.host", defaultValue = "127.0.0.1")
  String guacdHost;

  @Inject
  @ConfigProperty(name = "portal.guacd.port", defaultValue = "4822")
  int guacdPort;

  @Resource private ManagedThreadFactory threads;
  @Resource private ManagedScheduledExecutorService scheduler;

  private final Map<String, ConsoleSession> open = new ConcurrentHashMap<>();
  private ScheduledFuture<?> watchdog;
  private long watchRounds;

  @PostConstruct
  void startWatchdog() {
    watchdog =
        scheduler.scheduleWithFixedDelay(
            this::endRevoked, WATCH_SECONDS, WATCH_SECONDS, TimeUnit.SECONDS);
  }

  @PreDestroy
  void stop() {
    watchdog.cancel(false);
    open.values().forEach(s -> s.end("the portal shut down", "The portal is restarting."));
  }

  /**
   * Opens the console a WebSocket asks for with its {@code ticket} parameter, or tells it why not
   * and closes it.
   *
   * @param socket the browser's WebSocket, already authenticated by the portal's login
   * @param clientAddress where it comes from, if known
   * @return the session, or empty when refused
   */
  Optional<ConsoleSession> open(Session socket, String clientAddress) {
    if (socket.getUserPrincipal() == null) {
      refuse(socket, "Your sign-in has expired. Reload the page to sign in again.");
      return Optional.empty();
    }
    String username = socket.getUserPrincipal().getName();
    Redeemed redeemed;
    try {
      redeemed = consoles.redeem(parameter(socket, "ticket"), username, clientAddress);
    } catch (PortalException e) {
      refuse(socket, e.getMessage());
      return Optional.empty();
    }
    ConsoleTarget target = redeemed.target();
    ConsoleSession session;
    try {
      session =
          new ConsoleSession(
              socket,
              new SimpleGuacamoleTunnel(
                  new ConfiguredGuacamoleSocket(
                      new InetGuacamoleSocket(guacdHost, guacdPort),
                      target.configuration(),
                      clientInformation(socket))),
              redeemed,
              username,
              clientAddress);
      session.announce();
    } catch (GuacamoleException | IOException e) {
      LOG.log(Level.WARNING, "Could not reach guacd for the console of " + target.vmName(), e);
      consoles.closed(redeemed, username, clientAddress, "guacd could not be reached");
      refuse(socket, "The console service is not reachable right now. Please try again shortly.");
      return Optional.empty();
    }
    open.put(session.getId(), session);
    threads
        .newThread(
            () ->
                session.pump(
                    () -> {
                      open.remove(session.getId());
                      consoles.closed(redeemed, username, clientAddress, session.getEndedHow());
                    }))
        .start();
    return Optional.of(session);
  }

  /**
   * The open consoles, oldest first.
   *
   * @return a snapshot
   */
  public List<ConsoleSession> list() {
    return open.values().stream().sorted(Comparator.comparing(ConsoleSession::getSince)).toList();
  }

  /**
   * Ends one console on an admin's request, audited with the admin as actor.
   *
   * @param sessionId the session
   * @param admin who ends it
   * @return whether it was open
   */
  public boolean endByAdmin(String sessionId, Actor admin) {
    ConsoleSession session = open.get(sessionId);
    if (session == null
        || !session.end(
            "ended by platform admin " + admin.username(),
            "An administrator ended this console session.")) {
      return false;
    }
    consoles.endedByAdmin(admin, session.getRedeemed(), session.getUsername());
    return true;
  }

  private void endRevoked() {
    if (++watchRounds % ROUNDS_PER_TOUCH == 0) {
      recordUse();
    }
    for (ConsoleSession session : open.values()) {
      ConsoleTicket ticket = session.getRedeemed().ticket();
      try {
        if (consoles.stillAllowed(ticket.userId(), ticket.vmId(), ticket.kind()).isEmpty()) {
          session.end(
              "the VM stopped, was hibernated or wiped, or changed owner",
              "\u201c"
                  + session.getRedeemed().target().vmName()
                  + "\u201d is no longer running, or no longer yours: the console closed.");
        }
      } catch (RuntimeException e) {
        // The database could not tell: keep the console, ask again next round.
        LOG.log(Level.WARNING, "Console check failed: " + e.getMessage());
      }
    }
  }

  /** Open consoles keep their VMs from counting as idle (idle hibernation measures from here). */
  private void recordUse() {
    Set<Long> vmIds =
        open.values().stream()
            .map(s -> s.getRedeemed().ticket())
            .filter(t -> t.kind() != ConsoleKind.INSTALLER)
            .map(ConsoleTicket::vmId)
            .collect(Collectors.toSet());
    try {
      consoles.inUse(vmIds);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not record console use: " + e.getMessage());
    }
  }

  private static GuacamoleClientInformation clientInformation(Session socket) {
    GuacamoleClientInformation info = new GuacamoleClientInformation();
    info.setOptimalScreenWidth(side(parameter(socket, "width"), 1024));
    info.setOptimalScreenHeight(side(parameter(socket, "height"), 768));
    info.setOptimalResolution(96);
    info.getImageMimetypes().addAll(List.of("image/png", "image/jpeg", "image/webp"));
    return info;
  }

  private static int side(String value, int fallback) {
    try {
      int side = Integer.parseInt(value);
      return side > 0 && side <= MAX_SIDE ? side : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static String parameter(Session socket, String name) {
    List<String> values = socket.getRequestParameterMap().get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Tells the browser why in an {@code error} instruction, which its client shows, and closes. */
  private static void refuse(Session socket, String message) {
    try {
      socket
          .getBasicRemote()
          .sendText(
              new GuacamoleInstruction(
                      "error",
                      message,
                      Integer.toString(GuacamoleStatus.CLIENT_FORBIDDEN.getGuacamoleStatusCode()))
                  .toString());
      socket.close(
          new CloseReason(
              CloseReason.CloseCodes.VIOLATED_POLICY,
              Integer.toString(GuacamoleStatus.CLIENT_FORBIDDEN.getGuacamoleStatusCode())));
    } catch (IOException e) {
      LOG.log(Level.FINE, "Could not tell a refused console why", e);
    }
  }
}

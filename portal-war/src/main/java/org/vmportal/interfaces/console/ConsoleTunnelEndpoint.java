package org.vmportal.interfaces.console;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /console/tunnel}: the WebSocket that guacamole-common-js's {@code WebSocketTunnel} speaks
 * ({@code guacamole} subprotocol, Guacamole instructions as text). guacamole-common's own endpoint
 * is {@code javax.websocket}; this is the Jakarta one. The path is behind the portal's login like
 * every page, and the ticket in the query decides which console, once.
 */
@ServerEndpoint(value = "/console/tunnel", subprotocols = "guacamole")
public class ConsoleTunnelEndpoint {

  private static final Logger LOG = Logger.getLogger(ConsoleTunnelEndpoint.class.getName());

  @Inject private ConsoleSessions sessions;
  private volatile ConsoleSession console;

  @OnOpen
  public void open(Session socket) {
    console = sessions.open(socket, null).orElse(null);
  }

  @OnMessage
  public void message(String text) {
    ConsoleSession current = console;
    if (current != null) {
      current.fromBrowser(text);
    }
  }

  /**
   * The browser went away, or the container closed the socket because the portal session it was
   * opened in ended (sign-out, expiry): WebSocket containers close an authenticated session's
   * sockets with 1008 when its HTTP session is invalidated.
   */
  @OnClose
  public void close(Session socket, CloseReason reason) {
    ConsoleSession current = console;
    if (current != null) {
      boolean sessionEnded =
          reason != null && reason.getCloseCode() == CloseReason.CloseCodes.VIOLATED_POLICY;
      current.end(
          sessionEnded ? "the user's portal session ended" : "the browser closed the console",
          null);
    }
  }

  @OnError
  public void error(Session socket, Throwable failure) {
    LOG.log(Level.FINE, "Console WebSocket failed", failure);
    close(socket, null);
  }
}

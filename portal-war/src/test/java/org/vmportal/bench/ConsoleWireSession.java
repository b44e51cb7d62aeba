package org.vmportal.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One desktop console held open the way the browser's tunnel holds it, without drawing: the
 * WebSocket to /console/tunnel with the session cookie and the {@code guacamole} subprotocol, every
 * {@code sync} answered (guacd stops sending frames to a client that does not), the bytes and
 * instructions counted. A drop is the socket closing, or an {@code error}, before {@link #close()}.
 */
final class ConsoleWireSession implements WebSocket.Listener {

  final String label;
  final AtomicLong chars = new AtomicLong();
  final AtomicLong instructions = new AtomicLong();
  final AtomicLong syncs = new AtomicLong();
  final CompletableFuture<Long> firstSync = new CompletableFuture<>();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private final StringBuilder pending = new StringBuilder();
  private final long openedAt = System.nanoTime();
  private volatile WebSocket socket;
  private volatile boolean closing;
  private volatile String drop;
  private CompletableFuture<WebSocket> sending;

  private ConsoleWireSession(String label) {
    this.label = label;
  }

  /**
   * Opens the tunnel for a ticket.
   *
   * @param http a client (one can carry all sessions)
   * @param portalUrl http://…
   * @param cookie {@code JSESSIONID=…} of the ticket's owner
   * @param ticket a fresh console ticket
   * @param label how the report names this session
   * @return the session, its WebSocket open
   */
  static ConsoleWireSession open(
      HttpClient http, String portalUrl, String cookie, String ticket, String label)
      throws Exception {
    ConsoleWireSession session = new ConsoleWireSession(label);
    URI uri =
        URI.create(
            portalUrl.replaceFirst("^http", "ws")
                + "/console/tunnel?ticket="
                + URLEncoder.encode(ticket, StandardCharsets.UTF_8)
                + "&width=1024&height=768");
    WebSocket socket =
        http.newWebSocketBuilder()
            .header("Cookie", cookie)
            .subprotocols("guacamole")
            .connectTimeout(Duration.ofSeconds(10))
            .buildAsync(uri, session)
            .get(30, TimeUnit.SECONDS);
    session.socket = socket;
    return session;
  }

  /** Why it dropped, or null while it holds. */
  String drop() {
    return drop;
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    synchronized (this) {
      sending = CompletableFuture.completedFuture(webSocket); // before the first sync to answer
    }
    webSocket.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    chars.addAndGet(data.length());
    pending.append(data);
    parse(webSocket);
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    if (!closing && drop == null) {
      drop = "socket closed (" + statusCode + " " + reason + ")";
    }
    closed.complete(null);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    if (!closing && drop == null) {
      drop = "socket failed: " + error;
    }
    closed.complete(null);
  }

  /** Takes every complete instruction off the front of what arrived: LENGTH.VALUE,…; */
  private void parse(WebSocket webSocket) {
    int pos = 0;
    while (true) {
      List<String> head = new ArrayList<>(3);
      int p = pos;
      boolean complete = false;
      while (true) {
        int dot = pending.indexOf(".", p);
        if (dot < 0) {
          break;
        }
        int length = Integer.parseInt(pending, p, dot, 10);
        int end;
        try {
          // Lengths count Unicode code points, not Java chars.
          end = pending.offsetByCodePoints(dot + 1, length);
        } catch (IndexOutOfBoundsException incomplete) {
          break;
        }
        if (end >= pending.length()) {
          break;
        }
        if (head.size() < 3) {
          head.add(pending.substring(dot + 1, end)); // opcode and first arguments are enough
        }
        p = end + 1;
        if (pending.charAt(end) == ';') {
          complete = true;
          break;
        }
      }
      if (!complete) {
        break;
      }
      pos = p;
      handle(webSocket, head);
    }
    pending.delete(0, pos);
  }

  private void handle(WebSocket webSocket, List<String> instruction) {
    instructions.incrementAndGet();
    String opcode = instruction.get(0);
    if (opcode.equals("sync")) {
      String timestamp = instruction.get(1);
      send("4.sync," + timestamp.length() + "." + timestamp + ";");
      syncs.incrementAndGet();
      firstSync.complete(System.nanoTime() - openedAt);
    } else if (opcode.equals("error") && !closing && drop == null) {
      drop = "error instruction: " + String.join(" ", instruction.subList(1, instruction.size()));
    }
  }

  /** WebSocket sends must not overlap: each waits for the one before. */
  private synchronized void send(String text) {
    sending = sending.thenCompose(ws -> ws.sendText(text, true));
  }

  /** Ends the session as console.js does: {@code disconnect} to guacd, then a normal close. */
  void close() {
    closing = true;
    send("10.disconnect;");
    synchronized (this) {
      sending = sending.thenCompose(ws -> ws.sendClose(WebSocket.NORMAL_CLOSURE, ""));
    }
    try {
      closed.get(10, TimeUnit.SECONDS);
    } catch (Exception notClosedInTime) {
      socket.abort();
    }
  }
}

package org.vmportal.interfaces.console;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.guacamole.GuacamoleException;
import org.apache.guacamole.io.GuacamoleReader;
import org.apache.guacamole.io.GuacamoleWriter;
import org.apache.guacamole.net.GuacamoleTunnel;
import org.apache.guacamole.protocol.GuacamoleInstruction;
import org.apache.guacamole.protocol.GuacamoleStatus;
import org.vmportal.guacamole.access.ConsoleDirectory.Redeemed;

/**
 * One open console: a browser's WebSocket joined to a guacd tunnel. Instructions from guacd are
 * batched into WebSocket messages by a reader thread; the browser's go straight to guacd, except
 * the tunnel's own pings, which are answered here. Ending is idempotent and says why in words.
 */
public class ConsoleSession {

  private static final Logger LOG = Logger.getLogger(ConsoleSession.class.getName());
  private static final int BATCH_CHARS = 8192;

  /** Guacamole's internal opcode (the empty string) and the ping the JavaScript tunnel sends. */
  private static final String INTERNAL_OPCODE_PREFIX = "0.,";

  private final String id = UUID.randomUUID().toString();
  private final Session socket;
  private final GuacamoleTunnel tunnel;
  private final Redeemed redeemed;
  private final String username;
  private final String clientAddress;
  private final Instant since = Instant.now();
  private final AtomicBoolean ended = new AtomicBoolean();
  private final Object sendLock = new Object();
  private volatile String endedHow;

  ConsoleSession(
      Session socket,
      GuacamoleTunnel tunnel,
      Redeemed redeemed,
      String username,
      String clientAddress) {
    this.socket = socket;
    this.tunnel = tunnel;
    this.redeemed = redeemed;
    this.username = username;
    this.clientAddress = clientAddress;
  }

  /** Tells the browser the tunnel's id, which opens the tunnel on its side. */
  void announce() throws IOException {
    send(new GuacamoleInstruction("", tunnel.getUUID().toString()).toString());
  }

  /** Copies guacd's instructions to the browser until either side goes away. */
  void pump(Runnable whenDone) {
    GuacamoleReader reader = tunnel.acquireReader();
    StringBuilder batch = new StringBuilder(BATCH_CHARS);
    String how = "the VM's console connection closed (the VM may have stopped)";
    try {
      char[] instruction;
      while ((instruction = reader.read()) != null) {
        batch.append(instruction);
        if (!reader.available() || batch.length() >= BATCH_CHARS) {
          send(batch.toString());
          batch.setLength(0);
        }
      }
    } catch (GuacamoleException | IOException e) {
      LOG.log(Level.FINE, "Console " + id + " stopped reading", e);
      if (e instanceof GuacamoleException) {
        how = "the connection to the VM's console was lost";
      }
    } finally {
      tunnel.releaseReader();
      end(how, null);
      whenDone.run();
    }
  }

  /** Passes one browser message on to guacd, or answers it if it is the tunnel's own ping. */
  void fromBrowser(String message) {
    if (ended.get()) {
      return;
    }
    try {
      if (message.startsWith(INTERNAL_OPCODE_PREFIX)) {
        send(message); // the JavaScript tunnel measures stability by its echoed pings
        return;
      }
      GuacamoleWriter writer = tunnel.acquireWriter();
      try {
        writer.write(message.toCharArray());
      } finally {
        tunnel.releaseWriter();
      }
    } catch (GuacamoleException | IOException e) {
      end("the connection to the VM's console was lost", null);
    }
  }

  /**
   * Ends the console once: tells the browser why (when there is something to tell), tells guacd to
   * disconnect (else guacd 1.3.0 keeps the dead session for seconds), closes both ends.
   *
   * @param how what ended it, for the audit log
   * @param messageForUser shown in the console tab; null when the browser itself went away
   * @return whether this call ended it
   */
  boolean end(String how, String messageForUser) {
    if (!ended.compareAndSet(false, true)) {
      return false;
    }
    endedHow = how;
    if (messageForUser != null && socket.isOpen()) {
      try {
        send(
            new GuacamoleInstruction(
                    "error",
                    messageForUser,
                    Integer.toString(GuacamoleStatus.CLIENT_FORBIDDEN.getGuacamoleStatusCode()))
                .toString());
      } catch (IOException e) {
        LOG.log(Level.FINE, "Could not tell console " + id + " why it ends", e);
      }
    }
    try {
      GuacamoleWriter writer = tunnel.acquireWriter();
      try {
        writer.writeInstruction(new GuacamoleInstruction("disconnect"));
      } finally {
        tunnel.releaseWriter();
      }
    } catch (GuacamoleException e) {
      LOG.log(Level.FINE, "guacd already gone for console " + id, e);
    }
    try {
      tunnel.close();
    } catch (GuacamoleException e) {
      LOG.log(Level.FINE, "Closing the guacd tunnel of console " + id + " failed", e);
    }
    try {
      if (socket.isOpen()) {
        socket.close(
            new CloseReason(
                CloseReason.CloseCodes.NORMAL_CLOSURE,
                Integer.toString(GuacamoleStatus.SUCCESS.getGuacamoleStatusCode())));
      }
    } catch (IOException e) {
      LOG.log(Level.FINE, "Closing the WebSocket of console " + id + " failed", e);
    }
    return true;
  }

  private void send(String text) throws IOException {
    synchronized (sendLock) {
      if (socket.isOpen()) {
        socket.getBasicRemote().sendText(text);
      }
    }
  }

  /** This session's id, for the admin page. */
  public String getId() {
    return id;
  }

  public Redeemed getRedeemed() {
    return redeemed;
  }

  public String getUsername() {
    return username;
  }

  public String getClientAddress() {
    return clientAddress;
  }

  public Instant getSince() {
    return since;
  }

  /** What ended it, once ended. */
  String getEndedHow() {
    return endedHow;
  }
}

package org.vmportal.guacamole.connection;

import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.guacamole.GuacamoleException;
import org.apache.guacamole.GuacamoleSessionClosedException;
import org.apache.guacamole.io.GuacamoleReader;
import org.apache.guacamole.io.GuacamoleWriter;
import org.apache.guacamole.net.DelegatingGuacamoleTunnel;
import org.apache.guacamole.net.GuacamoleTunnel;
import org.apache.guacamole.protocol.GuacamoleInstruction;
import org.apache.guacamole.protocol.GuacamoleStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tunnel to guacd that ends itself when its console must end. A timer asks the {@link
 * TargetWatch} every {@link TargetWatch#CHECK_INTERVAL}, and each read and write asks it too
 * (answered from its last check in between), so an idle console ends as surely as a busy one. Once
 * the VM has stopped or changed hands, no more screen reaches the browser and no more keys reach
 * the VM: the browser gets an {@code error} instruction saying why, and guacd a {@code disconnect}
 * (without one, guacd 1.3.0 keeps a dead session for about 15 s).
 *
 * <p>This works on every Guacamole version; on 1.6, {@code UserContext.isValid()} additionally ends
 * a ticket login's whole session.
 */
public class WatchedTunnel extends DelegatingGuacamoleTunnel {

  /** What the person sees when the console is cut. */
  public static final String ENDED_MESSAGE =
      "This console has ended: the VM stopped, was deleted, or is no longer yours.";

  private static final Logger LOG = LoggerFactory.getLogger(WatchedTunnel.class);

  private final GuacamoleTunnel tunnel;
  private final TargetWatch watch;
  private final AtomicBoolean toldWhy = new AtomicBoolean();
  private volatile boolean ended;
  private volatile ScheduledFuture<?> timedChecks;

  private WatchedTunnel(GuacamoleTunnel tunnel, TargetWatch watch) {
    super(tunnel);
    this.tunnel = tunnel;
    this.watch = Objects.requireNonNull(watch, "watch");
  }

  /**
   * Watches a tunnel until it closes.
   *
   * @param tunnel an open tunnel to guacd
   * @param watch the check that the console may stay open
   * @param timer runs the timed checks
   * @return the watched tunnel
   */
  public static WatchedTunnel watch(
      GuacamoleTunnel tunnel, TargetWatch watch, ScheduledExecutorService timer) {
    WatchedTunnel watched = new WatchedTunnel(tunnel, watch);
    long interval = TargetWatch.CHECK_INTERVAL.toMillis();
    watched.timedChecks =
        timer.scheduleWithFixedDelay(watched::mustEnd, interval, interval, TimeUnit.MILLISECONDS);
    return watched;
  }

  @Override
  public GuacamoleReader acquireReader() {
    return new WatchedReader(super.acquireReader());
  }

  @Override
  public GuacamoleWriter acquireWriter() {
    return new WatchedWriter(super.acquireWriter());
  }

  @Override
  public void close() throws GuacamoleException {
    ScheduledFuture<?> checks = timedChecks;
    if (checks != null) {
      checks.cancel(false);
    }
    if (tunnel.isOpen()) {
      GuacamoleWriter writer = tunnel.acquireWriter();
      try {
        writer.writeInstruction(new GuacamoleInstruction("disconnect"));
      } catch (GuacamoleException e) {
        LOG.debug("guacd was gone before the disconnect: {}", e.getMessage());
      } finally {
        tunnel.releaseWriter();
      }
    }
    super.close();
  }

  /**
   * Whether this tunnel cut its console because the console had to end.
   *
   * @return true once the watch said no
   */
  public boolean ended() {
    return ended;
  }

  private boolean mustEnd() {
    if (ended) {
      return true;
    }
    if (!tunnel.isOpen() || watch.stillAvailable()) {
      return false;
    }
    ended = true;
    UserConsole console = watch.console();
    LOG.info(
        "Ending the {} console of VM {} for {}: it is no longer available to them",
        console.kind(),
        console.vmId(),
        console.username());
    try {
      close();
    } catch (GuacamoleException e) {
      LOG.debug("Closing the ended console failed: {}", e.getMessage());
    }
    return true;
  }

  private static GuacamoleInstruction endedInstruction() {
    return new GuacamoleInstruction(
        "error",
        ENDED_MESSAGE,
        Integer.toString(GuacamoleStatus.SESSION_CLOSED.getGuacamoleStatusCode()));
  }

  /**
   * Hands guacd's output on only while the console may be open; then one error, then the end. A
   * read that fails because the timer closed the tunnel under it ends the same way.
   */
  private final class WatchedReader implements GuacamoleReader {

    private final GuacamoleReader reader;

    WatchedReader(GuacamoleReader reader) {
      this.reader = reader;
    }

    @Override
    public boolean available() throws GuacamoleException {
      return !ended && reader.available();
    }

    @Override
    public char[] read() throws GuacamoleException {
      if (!ended) {
        char[] data;
        try {
          data = reader.read();
        } catch (GuacamoleException e) {
          if (!ended) {
            throw e;
          }
          data = null;
        }
        // Data is passed on unless the console must end; the end of the stream, unless it ended.
        if (data != null ? !mustEnd() : !ended) {
          return data;
        }
      }
      GuacamoleInstruction why = whyOnce();
      return why == null ? null : why.toString().toCharArray();
    }

    @Override
    public GuacamoleInstruction readInstruction() throws GuacamoleException {
      if (!ended) {
        GuacamoleInstruction instruction;
        try {
          instruction = reader.readInstruction();
        } catch (GuacamoleException e) {
          if (!ended) {
            throw e;
          }
          instruction = null;
        }
        if (instruction != null ? !mustEnd() : !ended) {
          return instruction;
        }
      }
      return whyOnce();
    }

    private GuacamoleInstruction whyOnce() {
      return toldWhy.compareAndSet(false, true) ? endedInstruction() : null;
    }
  }

  /** Passes input to the VM only while the console may be open. */
  private final class WatchedWriter implements GuacamoleWriter {

    private final GuacamoleWriter writer;

    WatchedWriter(GuacamoleWriter writer) {
      this.writer = writer;
    }

    @Override
    public void write(char[] chunk, int offset, int length) throws GuacamoleException {
      refuseIfEnded();
      writer.write(chunk, offset, length);
    }

    @Override
    public void write(char[] chunk) throws GuacamoleException {
      refuseIfEnded();
      writer.write(chunk);
    }

    @Override
    public void writeInstruction(GuacamoleInstruction instruction) throws GuacamoleException {
      refuseIfEnded();
      writer.writeInstruction(instruction);
    }

    private void refuseIfEnded() throws GuacamoleException {
      if (mustEnd()) {
        throw new GuacamoleSessionClosedException(ENDED_MESSAGE);
      }
    }
  }
}

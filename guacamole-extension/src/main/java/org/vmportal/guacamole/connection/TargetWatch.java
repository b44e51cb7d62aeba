package org.vmportal.guacamole.connection;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vmportal.guacamole.access.ConsoleDirectory;

/**
 * Whether one open console may stay open: asks {@link ConsoleDirectory#target} at most every {@link
 * #CHECK_INTERVAL}, and once the answer is no (VM stopped, hibernated, wiped, given to someone
 * else) it stays no. A database failure also ends the console: a console nobody can check is not
 * kept open.
 */
public class TargetWatch {

  /** The longest a console outlives the right to it. */
  public static final Duration CHECK_INTERVAL = Duration.ofSeconds(2);

  private static final Logger LOG = LoggerFactory.getLogger(TargetWatch.class);

  private final ConsoleDirectory consoles;
  private final UserConsole console;
  private final Clock clock;
  private Instant checkedAt;
  private boolean available = true;

  /**
   * A watch over a console that was found available just now.
   *
   * @param consoles the portal's console directory
   * @param console whose console of which VM
   * @param clock the time checks are spaced by
   */
  public TargetWatch(ConsoleDirectory consoles, UserConsole console, Clock clock) {
    this.consoles = Objects.requireNonNull(consoles, "consoles");
    this.console = Objects.requireNonNull(console, "console");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.checkedAt = clock.instant();
  }

  /**
   * Whether the console may still be open.
   *
   * @return false once the VM is no longer running or no longer the user's
   */
  public synchronized boolean stillAvailable() {
    Instant now = clock.instant();
    if (!available || now.isBefore(checkedAt.plus(CHECK_INTERVAL))) {
      return available;
    }
    checkedAt = now;
    try {
      available = consoles.target(console.userId(), console.vmId(), console.kind()).isPresent();
    } catch (SQLException e) {
      LOG.warn(
          "Ending the console of VM {} for {}: the portal database could not be asked: {}",
          console.vmId(),
          console.username(),
          e.getMessage());
      available = false;
    }
    return available;
  }

  /**
   * The console watched.
   *
   * @return whose console of which VM
   */
  public UserConsole console() {
    return console;
  }
}

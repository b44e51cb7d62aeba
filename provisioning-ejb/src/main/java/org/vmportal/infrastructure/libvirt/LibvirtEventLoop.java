package org.vmportal.infrastructure.libvirt;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.libvirt.Library;
import org.libvirt.LibvirtException;

/**
 * libvirt's default event loop, which delivers domain events and keepalive messages for every
 * connection of the process. One daemon thread runs it while at least one {@link LibvirtConnection}
 * is open; the last one to close stops it, so an undeployed application leaves no thread behind.
 */
final class LibvirtEventLoop {

  private static final Logger LOG = Logger.getLogger(LibvirtEventLoop.class.getName());

  private static int users;
  private static Thread thread;

  private LibvirtEventLoop() {}

  /**
   * Registers a user, starting the loop for the first. Must precede opening a connection: libvirt
   * attaches a connection to the event loop that exists when it is opened.
   */
  static synchronized void acquire() throws LibvirtException {
    if (users == 0) {
      // Registers libvirt's default implementation once per process; later calls do nothing.
      Library.initEventLoop();
      thread = new Thread(LibvirtEventLoop::run, "libvirt-event-loop");
      thread.setDaemon(true);
      thread.start();
    }
    users++;
  }

  /** Unregisters a user; the last one stops the loop and waits for its thread to end. */
  static synchronized void release() {
    if (--users > 0) {
      return;
    }
    boolean interrupted = false;
    // stopEventLoop only takes effect once the thread has entered the loop: repeat until it left.
    while (thread.isAlive()) {
      try {
        Library.stopEventLoop();
        thread.join(100);
      } catch (InterruptedException e) {
        interrupted = true;
      } catch (LibvirtException e) {
        LOG.log(Level.WARNING, "Could not stop libvirt's event loop", e);
        break;
      }
    }
    thread = null;
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void run() {
    try {
      Library.runEventLoop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (LibvirtException e) {
      LOG.log(
          Level.SEVERE,
          "libvirt's event loop failed: domain events stop until the application restarts",
          e);
    }
  }
}

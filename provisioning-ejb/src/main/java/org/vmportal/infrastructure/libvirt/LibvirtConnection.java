package org.vmportal.infrastructure.libvirt;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.libvirt.Connect;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.ErrorCallback;
import org.libvirt.LibvirtException;
import org.vmportal.domain.service.HypervisorException;
import org.vmportal.domain.service.StorageException;

/**
 * One libvirt connection, shared by every adapter and thread: opened on first use, reopened when
 * found dead, closed by {@link #close()}. Work runs in {@link Call}s; their {@link
 * LibvirtException}s leave as {@link StorageException} or {@link HypervisorException}, so no
 * libvirt type escapes this package.
 */
public final class LibvirtConnection implements AutoCloseable {

  /**
   * Work to do with the open connection. libvirt objects it obtains must not outlive it.
   *
   * @param <T> what the work yields
   */
  @FunctionalInterface
  interface Call<T> {
    T apply(Connect connect) throws LibvirtException;
  }

  /**
   * Without a handler, libvirt prints every error to stderr, including expected ones such as "no
   * storage vol"; the adapter reports errors as exceptions instead. Held in a field because native
   * code keeps only a pointer to it.
   */
  private static final ErrorCallback SILENT = new ErrorCallback();

  static {
    try {
      Connect.setErrorCallback(SILENT);
    } catch (LibvirtException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String uri;

  /**
   * Calls share the read lock; reopening takes the write lock, so a connection is never closed
   * under a call that still uses it.
   */
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  private Connect connect;
  private boolean closed;

  /**
   * A connection to {@code uri}, opened on first use.
   *
   * @param uri a libvirt URI such as {@code qemu:///system} or {@code test:///default}
   */
  public LibvirtConnection(String uri) {
    if (uri == null || uri.isBlank()) {
      throw new IllegalArgumentException("libvirt URI is empty");
    }
    this.uri = uri;
  }

  /** Runs storage work; a libvirt failure becomes a {@link StorageException}. */
  <T> T storage(String action, Call<T> call) {
    try {
      return call(call);
    } catch (LibvirtException e) {
      throw new StorageException(action + ": " + e.getMessage(), e);
    }
  }

  /** Runs hypervisor work; a libvirt failure becomes a {@link HypervisorException}. */
  <T> T hypervisor(String action, Call<T> call) {
    try {
      return call(call);
    } catch (LibvirtException e) {
      throw new HypervisorException(action + ": " + e.getMessage(), e);
    }
  }

  /** Whether libvirt failed with {@code code}. */
  static boolean failedWith(LibvirtException e, ErrorNumber code) {
    return e.getError() != null && e.getError().getCode() == code;
  }

  private <T> T call(Call<T> call) throws LibvirtException {
    lock.readLock().lock();
    try {
      if (isAlive(connect)) {
        return call.apply(connect);
      }
    } finally {
      lock.readLock().unlock();
    }
    lock.writeLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("libvirt connection to " + uri + " is closed");
      }
      if (!isAlive(connect)) {
        closeQuietly(connect);
        connect = null;
        connect = new Connect(uri);
      }
      // Downgrade: keep the fresh connection from being replaced while the call runs.
      lock.readLock().lock();
    } finally {
      lock.writeLock().unlock();
    }
    try {
      return call.apply(connect);
    } finally {
      lock.readLock().unlock();
    }
  }

  private static boolean isAlive(Connect candidate) {
    if (candidate == null) {
      return false;
    }
    try {
      return candidate.isAlive();
    } catch (LibvirtException e) {
      return false;
    }
  }

  private static void closeQuietly(Connect candidate) {
    if (candidate != null) {
      try {
        candidate.close();
      } catch (LibvirtException e) {
        // A dead connection may refuse to close cleanly; it is being dropped either way.
      }
    }
  }

  /** Closes the connection; later calls fail. */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      closed = true;
      closeQuietly(connect);
      connect = null;
    } finally {
      lock.writeLock().unlock();
    }
  }
}

package org.vmportal.infrastructure.libvirt;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.libvirt.Connect;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.ErrorCallback;
import org.libvirt.LibvirtException;
import org.libvirt.event.LifecycleListener;
import org.vmportal.domain.service.HypervisorException;
import org.vmportal.domain.service.StorageException;

/**
 * One libvirt connection, shared by every adapter and thread: opened on first use, reopened when
 * found dead, closed by {@link #close()}. Work runs in {@link Call}s; their {@link
 * LibvirtException}s leave as {@link StorageException} or {@link HypervisorException}, so no
 * libvirt type escapes this package. Life-cycle listeners stay registered across reopening; while
 * the connection is open, libvirt's event loop runs ({@link LibvirtEventLoop}) and keepalive
 * messages detect a daemon that stopped answering.
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

  /**
   * Keepalive: a probe after 5 s of silence, repeated every 5 s; after 3 unanswered ones (about 20
   * s) the connection counts as dead, so calls fail instead of hanging on a stuck daemon.
   */
  private static final int KEEPALIVE_INTERVAL = 5;

  private static final int KEEPALIVE_COUNT = 3;

  private final String uri;

  /** Registered on every connection this object opens; changed under the write lock. */
  private final List<LifecycleListener> lifecycleListeners = new CopyOnWriteArrayList<>();

  /**
   * Calls share the read lock; reopening takes the write lock, so a connection is never closed
   * under a call that still uses it.
   */
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  private Connect connect;
  private boolean closed;
  private boolean usesEventLoop;

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

  /**
   * The URI this connects to.
   *
   * @return the libvirt URI
   */
  public String uri() {
    return uri;
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
      openIfDead();
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

  /** Replaces a missing or dead connection; the caller holds the write lock. */
  private void openIfDead() throws LibvirtException {
    if (closed) {
      throw new IllegalStateException("libvirt connection to " + uri + " is closed");
    }
    if (isAlive(connect)) {
      return;
    }
    closeQuietly(connect);
    connect = null;
    if (!usesEventLoop) {
      LibvirtEventLoop.acquire();
      usesEventLoop = true;
    }
    Connect fresh = new Connect(uri);
    try {
      keepAlive(fresh);
      for (LifecycleListener listener : lifecycleListeners) {
        fresh.addLifecycleListener(listener);
      }
    } catch (LibvirtException e) {
      closeQuietly(fresh);
      throw e;
    }
    connect = fresh;
  }

  private static void keepAlive(Connect fresh) throws LibvirtException {
    try {
      fresh.setKeepAlive(KEEPALIVE_INTERVAL, KEEPALIVE_COUNT);
    } catch (LibvirtException e) {
      // Local drivers such as test:/// have no daemon to lose and no keepalive.
      if (!failedWith(e, ErrorNumber.VIR_ERR_NO_SUPPORT)) {
        throw e;
      }
    }
  }

  /**
   * Delivers the life-cycle events of every domain to {@code listener}, on libvirt's event-loop
   * thread, from now on and after every reconnection, until {@link #removeLifecycleListener}. Opens
   * the connection if needed, so that events flow before the first call.
   */
  void addLifecycleListener(LifecycleListener listener) {
    lock.writeLock().lock();
    try {
      lifecycleListeners.add(listener);
      if (isAlive(connect)) {
        connect.addLifecycleListener(listener);
      } else {
        openIfDead();
      }
    } catch (LibvirtException e) {
      lifecycleListeners.remove(listener);
      throw new HypervisorException("subscribe to domain life-cycle events: " + e.getMessage(), e);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Stops the events for {@code listener}; a no-op for an unknown listener. */
  void removeLifecycleListener(LifecycleListener listener) {
    lock.writeLock().lock();
    try {
      if (lifecycleListeners.remove(listener) && connect != null) {
        removeQuietly(connect, listener);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  private static void removeQuietly(Connect from, LifecycleListener listener) {
    try {
      from.removeLifecycleListener(listener);
    } catch (LibvirtException e) {
      // A dead connection cannot deregister; its registrations die with it.
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

  private void closeQuietly(Connect candidate) {
    if (candidate != null) {
      // libvirt keeps a connection with registered callbacks alive after its close.
      lifecycleListeners.forEach(listener -> removeQuietly(candidate, listener));
      try {
        candidate.close();
      } catch (LibvirtException e) {
        // A dead connection may refuse to close cleanly; it is being dropped either way.
      }
    }
  }

  /** Closes the connection; later calls fail. Idempotent. */
  @Override
  public void close() {
    boolean releaseEventLoop;
    lock.writeLock().lock();
    try {
      closed = true;
      closeQuietly(connect);
      connect = null;
      releaseEventLoop = usesEventLoop;
      usesEventLoop = false;
    } finally {
      lock.writeLock().unlock();
    }
    // Outside the lock: stopping waits for the loop thread, which may be running a callback.
    if (releaseEventLoop) {
      LibvirtEventLoop.release();
    }
  }
}

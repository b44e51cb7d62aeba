package org.vmportal.application.internal;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.vmportal.application.PortalException;
import org.vmportal.application.PortalException.Kind;

/** Serialises the operations on each VM; different VMs proceed in parallel. */
@ApplicationScoped
public class VmLocks {

  private static final long WAIT_SECONDS = 30;

  private final Map<Long, ReentrantLock> locks = new ConcurrentHashMap<>();

  /**
   * Runs a check only if no operation holds the VM now: background work never waits for, or
   * second-guesses, an operation in flight.
   *
   * @param vmId the VM
   * @param check what to do
   * @return whether it ran
   */
  public boolean tryWith(long vmId, Runnable check) {
    ReentrantLock lock = locks.computeIfAbsent(vmId, id -> new ReentrantLock());
    if (!lock.tryLock()) {
      return false;
    }
    try {
      check.run();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs an operation while holding the VM's lock.
   *
   * @param vmId the VM
   * @param operation what to do
   * @param <T> its result
   * @return the result
   * @throws PortalException {@link Kind#CONFLICT} when another operation holds the VM too long
   */
  public <T> T with(long vmId, Supplier<T> operation) {
    ReentrantLock lock = locks.computeIfAbsent(vmId, id -> new ReentrantLock());
    boolean locked;
    try {
      locked = lock.tryLock(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PortalException(Kind.CONFLICT, "The operation was interrupted.");
    }
    if (!locked) {
      throw new PortalException(
          Kind.CONFLICT, "Another operation on this VM is still running. Try again shortly.");
    }
    try {
      return operation.get();
    } finally {
      lock.unlock();
    }
  }
}

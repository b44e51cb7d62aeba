package org.vmportal.infrastructure.concurrent;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Executors on daemon threads of the portal's own, which never hold the JVM open at shutdown. */
public final class DaemonExecutors {

  private DaemonExecutors() {}

  /**
   * One daemon thread, made at the first task, that runs the tasks in the order they came.
   *
   * @param threadName the thread's name, as thread dumps and logs show it
   * @return the executor; its owner shuts it down
   */
  public static ExecutorService inOrder(String threadName) {
    return Executors.newSingleThreadExecutor(
        task -> {
          Thread thread = new Thread(task, threadName);
          thread.setDaemon(true);
          return thread;
        });
  }
}

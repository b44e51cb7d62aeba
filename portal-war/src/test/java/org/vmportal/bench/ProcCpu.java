package org.vmportal.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** CPU time of processes from /proc (Linux), and which guacd children serve which VNC ports. */
final class ProcCpu {

  /** Clock ticks per second of /proc/<pid>/stat; 100 on every Linux this runs on. */
  static final double TICKS_PER_SECOND = ticksPerSecond();

  private ProcCpu() {}

  /**
   * A process's CPU so far: user + system time, in ticks; with {@code waitedChildren} also the time
   * of children it has reaped. -1 when it is gone.
   */
  static long ticks(long pid, boolean waitedChildren) {
    String[] f = fields(pid);
    if (f == null) {
      return -1;
    }
    // Fields after "(comm) ": state=0 ppid=1 … utime=11 stime=12 cutime=13 cstime=14.
    long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    return waitedChildren ? own + Long.parseLong(f[13]) + Long.parseLong(f[14]) : own;
  }

  /**
   * CPU ticks of each thread of a process, keyed by thread id, with the thread's name (the kernel
   * keeps 15 characters of it).
   */
  static Map<Long, Map.Entry<String, Long>> threads(long pid) throws IOException {
    Map<Long, Map.Entry<String, Long>> threads = new HashMap<>();
    try (DirectoryStream<Path> tasks =
        Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : tasks) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
          threads.put(
              Long.parseLong(task.getFileName().toString()),
              Map.entry(name, Long.parseLong(f[11]) + Long.parseLong(f[12])));
        } catch (IOException ended) {
          // the thread ended while listing
        }
      }
    }
    return threads;
  }

  /** The live children of a process. */
  static List<Long> children(long parent) throws IOException {
    List<Long> found = new ArrayList<>();
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path proc : procs) {
        long pid = Long.parseLong(proc.getFileName().toString());
        String[] f = fields(pid);
        if (f != null && Long.parseLong(f[1]) == parent) {
          found.add(pid);
        }
      }
    }
    return found;
  }

  /**
   * Which of a guacd's children hold a TCP connection to one of the given ports on loopback: guacd
   * forks one child per console session, and that child opens the VNC connection itself. Lets the
   * benchmark tell its own sessions from those of tests running at the same time.
   *
   * @return child pid to the VNC port it is connected to
   */
  static Map<Long, Integer> childrenConnectedTo(long guacd, Set<Integer> ports) throws IOException {
    Map<Long, Integer> portBySocket = new HashMap<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path path = Path.of(table);
      if (!Files.exists(path)) {
        continue;
      }
      for (String line : Files.readAllLines(path)) {
        String[] c = line.trim().split("\\s+");
        if (c.length < 10 || !c[2].contains(":")) {
          continue; // the header
        }
        int remotePort = Integer.parseInt(c[2].substring(c[2].indexOf(':') + 1), 16);
        if (ports.contains(remotePort)) {
          portBySocket.put(Long.parseLong(c[9]), remotePort);
        }
      }
    }
    Map<Long, Integer> mine = new HashMap<>();
    for (long child : children(guacd)) {
      for (long inode : socketInodes(child)) {
        Integer port = portBySocket.get(inode);
        if (port != null) {
          mine.put(child, port);
        }
      }
    }
    return mine;
  }

  private static Set<Long> socketInodes(long pid) {
    Set<Long> inodes = new HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/" + pid + "/fd"))) {
      for (Path fd : fds) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
          }
        } catch (IOException closedMeanwhile) {
          // the descriptor went away while listing
        }
      }
    } catch (IOException gone) {
      // the process ended while listing
    }
    return inodes;
  }

  /** The fields of /proc/<pid>/stat after the command name, which may itself hold spaces. */
  private static String[] fields(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    } catch (IOException gone) {
      return null;
    }
  }

  private static double ticksPerSecond() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
      return Double.parseDouble(new String(p.getInputStream().readAllBytes()).trim());
    } catch (IOException | RuntimeException e) {
      return 100;
    }
  }
}

package org.vmportal.infrastructure.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.vmportal.domain.service.HostProbe;
import org.vmportal.domain.service.HypervisorException;

/**
 * Reads {@code /proc/stat}, {@code /proc/loadavg} and {@code /proc/meminfo}, and the file system
 * holding the portal's storage root (or its nearest existing parent).
 */
@ApplicationScoped
public class ProcHostProbe implements HostProbe {

  @Inject
  @ConfigProperty(name = "portal.storage.root", defaultValue = "/var/lib/vmportal")
  String storageRoot;

  private long lastBusy;
  private long lastTotal;

  @Override
  public synchronized Reading read() {
    try {
      long[] cpu = cpuTicks(Files.readAllLines(Path.of("/proc/stat")).get(0));
      long busy = cpu[0] - lastBusy;
      long total = cpu[1] - lastTotal;
      lastBusy = cpu[0];
      lastTotal = cpu[1];
      double load1 = Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
      List<String> meminfo = Files.readAllLines(Path.of("/proc/meminfo"));
      long totalKib = meminfoKib(meminfo, "MemTotal:");
      long availableKib = meminfoKib(meminfo, "MemAvailable:");
      FileStore store = Files.getFileStore(existing(Path.of(storageRoot)));
      return new Reading(
          total <= 0 ? 0 : Math.round(1000.0 * busy / total) / 10.0,
          load1,
          (totalKib - availableKib) / 1024,
          totalKib / 1024,
          store.getTotalSpace() - store.getUnallocatedSpace(),
          store.getTotalSpace());
    } catch (IOException | RuntimeException e) {
      throw new HypervisorException("Could not read the host's load: " + e.getMessage(), e);
    }
  }

  /**
   * Busy and total ticks from the first line of {@code /proc/stat}: idle and iowait are not busy.
   *
   * @param line {@code cpu user nice system idle iowait irq softirq steal ...}
   * @return {busy, total}
   */
  static long[] cpuTicks(String line) {
    String[] fields = line.trim().split("\\s+");
    long total = 0;
    long idle = 0;
    for (int i = 1; i < fields.length && i <= 8; i++) {
      long ticks = Long.parseLong(fields[i]);
      total += ticks;
      if (i == 4 || i == 5) {
        idle += ticks;
      }
    }
    return new long[] {total - idle, total};
  }

  private static long meminfoKib(List<String> meminfo, String key) {
    return meminfo.stream()
        .filter(line -> line.startsWith(key))
        .map(line -> Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("/proc/meminfo has no " + key));
  }

  private static Path existing(Path path) {
    Path p = path.toAbsolutePath();
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    return p == null ? Path.of("/") : p;
  }
}

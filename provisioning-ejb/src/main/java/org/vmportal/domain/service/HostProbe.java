package org.vmportal.domain.service;

/** Reads the load of the machine the portal runs on. */
public interface HostProbe {

  /**
   * Measures now. CPU is the busy share since the previous reading (since boot, the first time).
   *
   * @return the reading
   * @throws HypervisorException when the machine's figures cannot be read
   */
  Reading read();

  /**
   * One reading.
   *
   * @param cpuPercent busy share of all cores, 0 to 100
   * @param load1 the one-minute load average
   * @param memoryUsedMib memory in use (total minus available)
   * @param memoryTotalMib memory installed
   * @param diskUsedBytes bytes used on the file system of the portal's storage
   * @param diskTotalBytes that file system's size
   */
  record Reading(
      double cpuPercent,
      double load1,
      long memoryUsedMib,
      long memoryTotalMib,
      long diskUsedBytes,
      long diskTotalBytes) {}
}

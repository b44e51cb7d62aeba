package org.vmportal.domain.service;

import java.util.Objects;

/**
 * Everything the hypervisor needs to define and start one virtual machine. Names and titles are
 * free text chosen by users (they may contain markup); adapters must escape them.
 *
 * @param name the domain's unique name on the host: at most 200 characters, no {@code /}, no
 *     control characters
 * @param title a one-line human title, or {@code null}
 * @param accelerator how the guest CPU is executed
 * @param vcpus virtual CPUs, at least 1
 * @param memoryMiB memory in MiB, at least 16
 * @param disk the system disk (a qcow2 overlay or a blank installer disk), attached as virtio
 * @param cdrom an ISO attached as an IDE CD-ROM and booted first, or {@code null}
 * @param vncPassword the console password: 1 to 8 printable ASCII characters (VNC authentication
 *     uses only 8)
 * @param serialLogPath an absolute path on the hypervisor host whose parent directory exists; the
 *     serial console's output is written there, replacing an older file
 * @param serialPort a TCP port on 127.0.0.1 where the serial console listens (telnet protocol, for
 *     guacd's telnet client), chosen free by the caller; or {@code null} for a console reachable
 *     only through the hypervisor
 * @param hostname the guest's host name, handed over through firmware configuration, or {@code
 *     null}
 * @param userNetwork whether the guest gets a NIC with user-mode (NAT-only) networking
 * @param hostnameFromMedium whether the guest, having no {@code hostname}, is told through firmware
 *     configuration to read its host name from a medium in an empty CD-ROM drive the domain gets:
 *     how a spare, started before its name was known, learns it
 */
public record DomainSpec(
    String name,
    String title,
    Accelerator accelerator,
    int vcpus,
    long memoryMiB,
    DiskSpec disk,
    DiskSpec cdrom,
    String vncPassword,
    String serialLogPath,
    Integer serialPort,
    String hostname,
    boolean userNetwork,
    boolean hostnameFromMedium) {

  /** The longest domain name accepted; libvirt turns names into file names. */
  public static final int MAX_NAME_LENGTH = 200;

  /** Validates every component. */
  public DomainSpec {
    if (name == null
        || name.isBlank()
        || name.length() > MAX_NAME_LENGTH
        || name.indexOf('/') >= 0
        || hasControl(name)) {
      throw new IllegalArgumentException(
          "Domain name must be 1-" + MAX_NAME_LENGTH + " printable characters without '/'");
    }
    if (title != null && hasControl(title)) {
      throw new IllegalArgumentException("Domain title must be one printable line");
    }
    Objects.requireNonNull(accelerator, "accelerator");
    if (vcpus < 1) {
      throw new IllegalArgumentException("vcpus must be at least 1, not " + vcpus);
    }
    if (memoryMiB < 16) {
      throw new IllegalArgumentException("memory must be at least 16 MiB, not " + memoryMiB);
    }
    Objects.requireNonNull(disk, "disk");
    if (vncPassword == null
        || vncPassword.isEmpty()
        || vncPassword.length() > 8
        || !vncPassword.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException("VNC password must be 1-8 printable ASCII characters");
    }
    if (serialLogPath == null || !serialLogPath.startsWith("/") || hasControl(serialLogPath)) {
      throw new IllegalArgumentException("Serial log path must be absolute: " + serialLogPath);
    }
    if (serialPort != null && (serialPort < 1 || serialPort > 65535)) {
      throw new IllegalArgumentException("Serial port must be 1-65535, not " + serialPort);
    }
    if (hostname != null
        && (hostname.isBlank() || hostname.length() > 253 || hasControl(hostname))) {
      throw new IllegalArgumentException("Host name must be 1-253 printable characters");
    }
    if (hostnameFromMedium && (hostname != null || cdrom != null)) {
      throw new IllegalArgumentException(
          "A host name from a medium needs an empty drive: no host name and no CD-ROM");
    }
  }

  /**
   * Starts a specification with the required parts; the rest defaults to 1 vCPU, 128 MiB, no
   * CD-ROM, no title, no host name, no network and no serial TCP port.
   *
   * @param name the domain name
   * @param accelerator how the guest CPU is executed
   * @param disk the system disk
   * @param vncPassword the console password
   * @param serialLogPath where the serial console's output goes
   * @return a builder
   */
  public static Builder builder(
      String name,
      Accelerator accelerator,
      DiskSpec disk,
      String vncPassword,
      String serialLogPath) {
    return new Builder(name, accelerator, disk, vncPassword, serialLogPath);
  }

  private static boolean hasControl(String value) {
    return value.chars().anyMatch(Character::isISOControl);
  }

  /** Collects the optional parts of a {@link DomainSpec}; {@link #build()} validates them. */
  public static final class Builder {
    private final String name;
    private final Accelerator accelerator;
    private final DiskSpec disk;
    private final String vncPassword;
    private final String serialLogPath;
    private String title;
    private int vcpus = 1;
    private long memoryMiB = 128;
    private DiskSpec cdrom;
    private Integer serialPort;
    private String hostname;
    private boolean userNetwork;
    private boolean hostnameFromMedium;

    private Builder(
        String name,
        Accelerator accelerator,
        DiskSpec disk,
        String vncPassword,
        String serialLogPath) {
      this.name = name;
      this.accelerator = accelerator;
      this.disk = disk;
      this.vncPassword = vncPassword;
      this.serialLogPath = serialLogPath;
    }

    /**
     * Sets the human title.
     *
     * @param value one line of text, or {@code null}
     * @return this builder
     */
    public Builder title(String value) {
      this.title = value;
      return this;
    }

    /**
     * Sets the number of virtual CPUs.
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder vcpus(int value) {
      this.vcpus = value;
      return this;
    }

    /**
     * Sets the memory.
     *
     * @param value MiB, at least 16
     * @return this builder
     */
    public Builder memoryMiB(long value) {
      this.memoryMiB = value;
      return this;
    }

    /**
     * Attaches an ISO as a CD-ROM that boots first.
     *
     * @param value the ISO, or {@code null} for none
     * @return this builder
     */
    public Builder cdrom(DiskSpec value) {
      this.cdrom = value;
      return this;
    }

    /**
     * Sets the guest's host name.
     *
     * @param value the name, or {@code null} for none
     * @return this builder
     */
    public Builder hostname(String value) {
      this.hostname = value;
      return this;
    }

    /**
     * Lets the serial console listen on a TCP port of 127.0.0.1 (telnet protocol).
     *
     * @param value a free port, or {@code null} for none
     * @return this builder
     */
    public Builder serialPort(Integer value) {
      this.serialPort = value;
      return this;
    }

    /**
     * Gives the guest a NIC with user-mode networking.
     *
     * @param value whether to add it
     * @return this builder
     */
    public Builder userNetwork(boolean value) {
      this.userNetwork = value;
      return this;
    }

    /**
     * Lets the guest read its host name from a medium inserted later into an empty CD-ROM drive.
     *
     * @param value whether to
     * @return this builder
     */
    public Builder hostnameFromMedium(boolean value) {
      this.hostnameFromMedium = value;
      return this;
    }

    /**
     * The specification.
     *
     * @return the validated specification
     * @throws IllegalArgumentException when a part is invalid
     */
    public DomainSpec build() {
      return new DomainSpec(
          name,
          title,
          accelerator,
          vcpus,
          memoryMiB,
          disk,
          cdrom,
          vncPassword,
          serialLogPath,
          serialPort,
          hostname,
          userNetwork,
          hostnameFromMedium);
    }
  }
}

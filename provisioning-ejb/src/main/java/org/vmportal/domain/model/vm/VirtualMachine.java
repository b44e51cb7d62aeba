package org.vmportal.domain.model.vm;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;

/**
 * A guest's virtual machine: a qcow2 overlay on a sealed base image, run as the libvirt domain
 * {@code domainName}. It is born {@link VmState#CREATING} (the row exists before the overlay and
 * domain, so a crash mid-create leaves a row that recovery can clean up), runs, stops, may end in
 * {@link VmState#ERROR} with a reason, and ends by being wiped (row deleted, record kept in the
 * audit trail). The VNC password never leaves the server.
 */
@Entity
@Table(name = "vms")
@NamedQuery(
    name = "VirtualMachine.findByOwner",
    query = "SELECT v FROM VirtualMachine v WHERE v.ownerId = :ownerId ORDER BY v.createdAt DESC")
@NamedQuery(
    name = "VirtualMachine.findByState",
    query = "SELECT v FROM VirtualMachine v WHERE v.state = :state")
@NamedQuery(
    name = "VirtualMachine.findByDomainName",
    query = "SELECT v FROM VirtualMachine v WHERE v.domainName = :domainName")
public class VirtualMachine {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "tenant_id", nullable = false, updatable = false)
  private long tenantId;

  @Column(name = "owner_id", nullable = false)
  private long ownerId;

  @Column(name = "host_id", nullable = false)
  private long hostId;

  @Column(name = "base_image_id", nullable = false, updatable = false)
  private long baseImageId;

  @Column(nullable = false, length = 64)
  private String name;

  @Column(name = "domain_name", nullable = false, updatable = false, length = 64)
  private String domainName;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private VmState state;

  @Column(name = "state_reason", length = 512)
  private String stateReason;

  @Column(nullable = false)
  private int vcpus;

  @Column(name = "memory_mib", nullable = false)
  private int memoryMib;

  @Column(name = "disk_gib", nullable = false)
  private int diskGib;

  @Column(name = "overlay_volume", nullable = false, updatable = false, length = 255)
  private String overlayVolume;

  @Column(name = "vnc_password", nullable = false, updatable = false, length = 64)
  private String vncPassword;

  @Column(name = "vnc_port")
  private Integer vncPort;

  @Column(name = "serial_port")
  private Integer serialPort;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  /** Last start, resume or console use: what idle hibernation and expiry measure from. */
  @Column(name = "last_activity_at", nullable = false)
  private Instant lastActivityAt;

  @Version private long version;

  protected VirtualMachine() {}

  /**
   * A VM about to be made.
   *
   * @param tenantId the owner's tenant
   * @param ownerId the owner
   * @param hostId the host it runs on
   * @param baseImageId the sealed base image
   * @param name the name the guest chose
   * @param domainName the libvirt domain's generated name
   * @param vcpus virtual CPUs
   * @param memoryMib memory in MiB
   * @param diskGib the disk size a guest sees, in GiB (the base image's)
   * @param overlayVolume the overlay's volume name
   * @param vncPassword the per-VM VNC password
   * @param now the time of creation
   */
  public VirtualMachine(
      long tenantId,
      long ownerId,
      long hostId,
      long baseImageId,
      String name,
      String domainName,
      int vcpus,
      int memoryMib,
      int diskGib,
      String overlayVolume,
      String vncPassword,
      Instant now) {
    this.tenantId = tenantId;
    this.ownerId = ownerId;
    this.hostId = hostId;
    this.baseImageId = baseImageId;
    this.name = Objects.requireNonNull(name, "name");
    this.domainName = Objects.requireNonNull(domainName, "domainName");
    this.vcpus = vcpus;
    this.memoryMib = memoryMib;
    this.diskGib = diskGib;
    this.overlayVolume = Objects.requireNonNull(overlayVolume, "overlayVolume");
    this.vncPassword = Objects.requireNonNull(vncPassword, "vncPassword");
    this.createdAt = Objects.requireNonNull(now, "now");
    this.updatedAt = now;
    this.lastActivityAt = now;
    this.state = VmState.CREATING;
  }

  /**
   * Makes this VM, not stored yet, the one a spare's domain becomes: it takes the spare's host,
   * domain, overlay, serial port and console password.
   *
   * @param spare a spare of this VM's base image and shape, just taken
   * @throws IllegalStateException when the VM is stored already or the spare does not fit
   */
  public void takeOver(SpareVm spare) {
    if (id != null
        || spare.getBaseImageId() != baseImageId
        || spare.getVcpus() != vcpus
        || spare.getMemoryMib() != memoryMib) {
      throw new IllegalStateException("Spare " + spare.getDomainName() + " does not fit " + name);
    }
    this.hostId = spare.getHostId();
    this.domainName = spare.getDomainName();
    this.overlayVolume = spare.getOverlayVolume();
    this.vncPassword = spare.getVncPassword();
    this.serialPort = spare.getSerialPort();
  }

  /**
   * Moves to a new state; ERROR needs a reason, every other state clears it.
   *
   * @param next the new state
   * @param reason why, for ERROR; otherwise {@code null}
   * @param now the time of the change
   */
  public void moveTo(VmState next, String reason, Instant now) {
    Objects.requireNonNull(next, "next");
    if (next == VmState.ERROR && (reason == null || reason.isBlank())) {
      throw new IllegalArgumentException("An ERROR state needs a reason");
    }
    if (next == VmState.RUNNING && state != VmState.RUNNING) {
      lastActivityAt = now; // started, woken or resumed: someone is using it
    }
    state = next;
    if (!isPoweredOn()) {
      vncPort = null; // libvirt hands the port to whichever domain starts next
    }
    stateReason =
        next == VmState.ERROR ? (reason.length() > 512 ? reason.substring(0, 512) : reason) : null;
    updatedAt = Objects.requireNonNull(now, "now");
  }

  /**
   * Records the port libvirt gave the VM's VNC display when it started.
   *
   * @param port the port on the host, or null when unknown
   */
  public void recordVncPort(Integer port) {
    vncPort = port;
  }

  /**
   * Gives the new VM its serial console port; once, before it is stored.
   *
   * @param port a port on the host no other VM there holds
   */
  public void assignSerialPort(int port) {
    if (id != null || serialPort != null) {
      throw new IllegalStateException("The serial port is chosen once, at creation");
    }
    serialPort = port;
  }

  /**
   * Moves the serial console to another port, for a VM whose port something else took while it was
   * shut off.
   *
   * @param port a port on the host no other VM there holds
   */
  public void moveSerialPort(int port) {
    if (serialPort == null) {
      throw new IllegalStateException("A VM without a serial console port gets none later");
    }
    serialPort = port;
  }

  /**
   * Renames the VM (the domain keeps its generated name).
   *
   * @param newName the new name
   * @param now the time of the change
   */
  public void rename(String newName, Instant now) {
    name = Objects.requireNonNull(newName, "newName");
    updatedAt = now;
  }

  /** Whether the owner may start it now. */
  public boolean isStartable() {
    return state == VmState.STOPPED || state == VmState.ERROR || state == VmState.HIBERNATED;
  }

  /** Whether it holds CPU and memory on its host now. */
  public boolean isPoweredOn() {
    return state == VmState.RUNNING
        || state == VmState.PAUSED
        || state == VmState.STARTING
        || state == VmState.STOPPING;
  }

  /** The VNC port while powered on, if known. */
  public Integer getVncPort() {
    return vncPort;
  }

  /** The telnet serial console port on the host; null for VMs made before consoles existed. */
  public Integer getSerialPort() {
    return serialPort;
  }

  public Long getId() {
    return id;
  }

  public long getTenantId() {
    return tenantId;
  }

  public long getOwnerId() {
    return ownerId;
  }

  public long getHostId() {
    return hostId;
  }

  public long getBaseImageId() {
    return baseImageId;
  }

  public String getName() {
    return name;
  }

  public String getDomainName() {
    return domainName;
  }

  public VmState getState() {
    return state;
  }

  public String getStateReason() {
    return stateReason;
  }

  public int getVcpus() {
    return vcpus;
  }

  public int getMemoryMib() {
    return memoryMib;
  }

  public int getDiskGib() {
    return diskGib;
  }

  public String getOverlayVolume() {
    return overlayVolume;
  }

  public String getVncPassword() {
    return vncPassword;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getLastActivityAt() {
    return lastActivityAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }
}

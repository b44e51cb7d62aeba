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
import java.time.Instant;
import java.util.Objects;
import org.vmportal.domain.service.Accelerator;

/**
 * A spare: a domain of one base image and shape, defined with its overlay and started paused before
 * the guest's first instruction, so that a create of that image and shape only has to take it and
 * let it run. It belongs to nobody until a create takes it; then its row goes and a {@link
 * VirtualMachine} with its domain, overlay, serial port and console password is written instead.
 */
@Entity
@Table(name = "spare_vms")
@NamedQuery(name = "SpareVm.findAll", query = "SELECT s FROM SpareVm s ORDER BY s.id")
public class SpareVm {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "host_id", nullable = false, updatable = false)
  private long hostId;

  @Column(name = "base_image_id", nullable = false, updatable = false)
  private long baseImageId;

  @Column(name = "domain_name", nullable = false, updatable = false, length = 64)
  private String domainName;

  @Column(name = "overlay_volume", nullable = false, updatable = false, length = 255)
  private String overlayVolume;

  @Column(nullable = false, updatable = false)
  private int vcpus;

  @Column(name = "memory_mib", nullable = false, updatable = false)
  private int memoryMib;

  @Column(name = "serial_port", nullable = false, updatable = false)
  private int serialPort;

  @Column(name = "vnc_password", nullable = false, updatable = false, length = 64)
  private String vncPassword;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false, length = 8)
  private Accelerator accelerator;

  /** False while its disk and domain are being made: only ready spares are taken. */
  @Column(nullable = false)
  private boolean ready;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  protected SpareVm() {}

  /**
   * A spare about to be made.
   *
   * @param hostId the host its domain runs on
   * @param baseImageId the sealed base image its overlay hangs off
   * @param domainName the libvirt domain's generated name
   * @param vcpus virtual CPUs
   * @param memoryMib memory in MiB
   * @param serialPort its serial console's port on the host
   * @param vncPassword its console password
   * @param accelerator what its QEMU runs the guest with
   * @param now the time of creation
   */
  public SpareVm(
      long hostId,
      long baseImageId,
      String domainName,
      int vcpus,
      int memoryMib,
      int serialPort,
      String vncPassword,
      Accelerator accelerator,
      Instant now) {
    this.hostId = hostId;
    this.baseImageId = baseImageId;
    this.domainName = Objects.requireNonNull(domainName, "domainName");
    this.overlayVolume = domainName + ".qcow2";
    this.vcpus = vcpus;
    this.memoryMib = memoryMib;
    this.serialPort = serialPort;
    this.vncPassword = Objects.requireNonNull(vncPassword, "vncPassword");
    this.accelerator = Objects.requireNonNull(accelerator, "accelerator");
    this.createdAt = Objects.requireNonNull(now, "now");
  }

  public Long getId() {
    return id;
  }

  public long getHostId() {
    return hostId;
  }

  public long getBaseImageId() {
    return baseImageId;
  }

  public String getDomainName() {
    return domainName;
  }

  public String getOverlayVolume() {
    return overlayVolume;
  }

  public int getVcpus() {
    return vcpus;
  }

  public int getMemoryMib() {
    return memoryMib;
  }

  public int getSerialPort() {
    return serialPort;
  }

  public String getVncPassword() {
    return vncPassword;
  }

  public Accelerator getAccelerator() {
    return accelerator;
  }

  public boolean isReady() {
    return ready;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}

package org.vmportal.domain.model.vm;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/** A tenant's saved VM shape: an OS, vCPUs and memory (the disk is the OS's), to create from. */
@Entity
@Table(name = "templates")
@NamedQuery(
    name = "VmTemplate.findByTenant",
    query = "SELECT t FROM VmTemplate t WHERE t.tenantId = :tenantId ORDER BY t.name")
public class VmTemplate {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "tenant_id", nullable = false, updatable = false)
  private long tenantId;

  @Column(nullable = false, length = 64)
  private String name;

  @Column(name = "base_image_id", nullable = false)
  private long baseImageId;

  @Column(nullable = false)
  private int vcpus;

  @Column(name = "memory_mib", nullable = false)
  private int memoryMib;

  @Column(name = "disk_gib", nullable = false)
  private int diskGib;

  @Column(name = "created_by", nullable = false, updatable = false)
  private long createdBy;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  protected VmTemplate() {}

  /**
   * A new template.
   *
   * @param tenantId the tenant it belongs to
   * @param name its name, unique in the tenant
   * @param baseImageId the OS
   * @param vcpus virtual CPUs
   * @param memoryMib memory
   * @param diskGib the disk a VM from it gets (the OS's)
   * @param createdBy who saved it
   * @param now when
   */
  public VmTemplate(
      long tenantId,
      String name,
      long baseImageId,
      int vcpus,
      int memoryMib,
      int diskGib,
      long createdBy,
      Instant now) {
    this.tenantId = tenantId;
    this.name = Objects.requireNonNull(name, "name");
    this.baseImageId = baseImageId;
    this.vcpus = vcpus;
    this.memoryMib = memoryMib;
    this.diskGib = diskGib;
    this.createdBy = createdBy;
    this.createdAt = Objects.requireNonNull(now, "now");
  }

  public Long getId() {
    return id;
  }

  public long getTenantId() {
    return tenantId;
  }

  public String getName() {
    return name;
  }

  public long getBaseImageId() {
    return baseImageId;
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

  public long getCreatedBy() {
    return createdBy;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}

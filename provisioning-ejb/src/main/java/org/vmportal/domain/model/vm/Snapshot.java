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

/**
 * A point a VM can go back to: an internal qcow2 snapshot in the VM's overlay, known to libvirt as
 * {@code libvirtName}. Its row is written before libvirt takes it, so a failed or interrupted
 * snapshot leaves a row to remove rather than storage nobody counts.
 */
@Entity
@Table(name = "snapshots")
@NamedQuery(
    name = "Snapshot.findByVm",
    query = "SELECT s FROM Snapshot s WHERE s.vmId = :vmId ORDER BY s.createdAt, s.id")
public class Snapshot {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "vm_id", nullable = false, updatable = false)
  private long vmId;

  @Column(nullable = false, updatable = false, length = 64)
  private String name;

  @Column(name = "libvirt_name", nullable = false, updatable = false, length = 64)
  private String libvirtName;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false, length = 16)
  private SnapshotKind kind;

  @Column(name = "size_bytes", nullable = false)
  private long sizeBytes;

  @Column(name = "created_by", updatable = false)
  private Long createdBy;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  protected Snapshot() {}

  /**
   * A snapshot about to be taken.
   *
   * @param vmId the VM
   * @param name the name its owner gave
   * @param libvirtName the generated name libvirt knows it by
   * @param kind what it keeps
   * @param estimatedBytes what it is expected to add to the overlay, counted until it is measured
   * @param createdBy who takes it
   * @param now when
   */
  public Snapshot(
      long vmId,
      String name,
      String libvirtName,
      SnapshotKind kind,
      long estimatedBytes,
      Long createdBy,
      Instant now) {
    this.vmId = vmId;
    this.name = Objects.requireNonNull(name, "name");
    this.libvirtName = Objects.requireNonNull(libvirtName, "libvirtName");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.sizeBytes = estimatedBytes;
    this.createdBy = createdBy;
    this.createdAt = Objects.requireNonNull(now, "now");
  }

  /**
   * Records what the snapshot really added to the overlay.
   *
   * @param bytes the measured size
   */
  public void measured(long bytes) {
    this.sizeBytes = Math.max(0, bytes);
  }

  public Long getId() {
    return id;
  }

  public long getVmId() {
    return vmId;
  }

  public String getName() {
    return name;
  }

  public String getLibvirtName() {
    return libvirtName;
  }

  public SnapshotKind getKind() {
    return kind;
  }

  public long getSizeBytes() {
    return sizeBytes;
  }

  public Long getCreatedBy() {
    return createdBy;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}

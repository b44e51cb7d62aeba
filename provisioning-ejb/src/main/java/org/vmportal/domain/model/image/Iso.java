package org.vmportal.domain.model.image;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * An ISO image in the ISO storage pool. Its row is written only after the whole file has arrived,
 * been checked (ISO 9660 magic, size) and moved into the pool, so a row always has a complete file.
 * The file is read-only from then on; the ISO can be deleted unless a base image is being built
 * from it. {@code tenantId} is {@code null} for the platform catalog and set for a tenant member's
 * personal upload.
 */
@Entity
@Table(name = "isos")
@NamedQuery(
    name = "Iso.findInScope",
    query =
        "SELECT i FROM Iso i WHERE (:tenantId IS NULL AND i.tenantId IS NULL)"
            + " OR i.tenantId = :tenantId ORDER BY i.createdAt DESC")
@NamedQuery(name = "Iso.findAll", query = "SELECT i FROM Iso i ORDER BY i.createdAt DESC")
@NamedQuery(
    name = "Iso.findBySha256InScope",
    query =
        "SELECT i FROM Iso i WHERE i.sha256 = :sha256"
            + " AND ((:tenantId IS NULL AND i.tenantId IS NULL) OR i.tenantId = :tenantId)")
@NamedQuery(
    name = "Iso.personalBytes",
    query = "SELECT COALESCE(SUM(i.sizeBytes), 0) FROM Iso i WHERE i.tenantId = :tenantId")
public class Iso {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "tenant_id", updatable = false)
  private Long tenantId;

  @Column(name = "uploader_id", updatable = false)
  private Long uploaderId;

  @Column(nullable = false, length = 255)
  private String name;

  @Column(name = "volume_name", nullable = false, updatable = false, length = 255)
  private String volumeName;

  @Column(name = "size_bytes", nullable = false, updatable = false)
  private long sizeBytes;

  @Column(nullable = false, updatable = false, length = 64)
  private String sha256;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  protected Iso() {}

  /**
   * An ISO whose file is complete and stored in the ISO pool.
   *
   * @param tenantId the tenant of a personal upload, or {@code null} for the platform catalog
   * @param uploaderId who uploaded it, or {@code null} when the portal seeded it
   * @param name the sanitized name people see
   * @param volumeName the file's name in the pool (generated, never the uploaded name)
   * @param sizeBytes its size
   * @param sha256 its SHA-256, lower-case hex
   * @param createdAt when it was stored
   */
  public Iso(
      Long tenantId,
      Long uploaderId,
      String name,
      String volumeName,
      long sizeBytes,
      String sha256,
      Instant createdAt) {
    this.tenantId = tenantId;
    this.uploaderId = uploaderId;
    this.name = Objects.requireNonNull(name, "name");
    this.volumeName = Objects.requireNonNull(volumeName, "volumeName");
    this.sizeBytes = sizeBytes;
    this.sha256 = Objects.requireNonNull(sha256, "sha256");
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
  }

  public Long getId() {
    return id;
  }

  public Long getTenantId() {
    return tenantId;
  }

  public Long getUploaderId() {
    return uploaderId;
  }

  public String getName() {
    return name;
  }

  public String getVolumeName() {
    return volumeName;
  }

  public long getSizeBytes() {
    return sizeBytes;
  }

  public String getSha256() {
    return sha256;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  /** Whether this is a tenant member's own upload rather than part of the platform catalog. */
  public boolean isPersonal() {
    return tenantId != null;
  }
}

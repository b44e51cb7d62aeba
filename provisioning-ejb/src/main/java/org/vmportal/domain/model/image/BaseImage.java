package org.vmportal.domain.model.image;

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
 * A base image: a qcow2 volume in the base-image pool that guests' VMs hang copy-on-write overlays
 * off. It is {@link BaseImageState#BUILDING} while an installer VM writes to it (or an imported
 * disk waits), then {@link #seal sealed}: read-only on disk, never changed in place again. It
 * cannot be deleted while a VM, snapshot or template uses it.
 */
@Entity
@Table(name = "base_images")
@NamedQuery(name = "BaseImage.findAll", query = "SELECT b FROM BaseImage b ORDER BY b.name")
@NamedQuery(name = "BaseImage.findByName", query = "SELECT b FROM BaseImage b WHERE b.name = :name")
@NamedQuery(
    name = "BaseImage.findBuildingFromIso",
    query =
        "SELECT b FROM BaseImage b WHERE b.isoId = :isoId"
            + " AND b.state = org.vmportal.domain.model.image.BaseImageState.BUILDING")
public class BaseImage {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = 128)
  private String name;

  @Column(name = "os_name", nullable = false, length = 128)
  private String osName;

  @Column(name = "os_version", nullable = false, length = 64)
  private String osVersion;

  @Column(name = "iso_id", updatable = false)
  private Long isoId;

  @Column(name = "volume_name", nullable = false, updatable = false, length = 255)
  private String volumeName;

  @Column(nullable = false, updatable = false, length = 16)
  private String format;

  @Column(name = "virtual_size_bytes", nullable = false)
  private long virtualSizeBytes;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private BaseImageState state;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false, length = 16)
  private BaseImageSource source;

  @Column(name = "installer_domain", length = 64)
  private String installerDomain;

  @Column(name = "installer_vnc_port")
  private Integer installerVncPort;

  @Column(name = "installer_vnc_password", length = 64)
  private String installerVncPassword;

  @Column(name = "created_by", updatable = false)
  private Long createdBy;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "sealed_at")
  private Instant sealedAt;

  protected BaseImage() {}

  /**
   * A new base image, not yet sealed.
   *
   * @param name the catalog name, unique
   * @param osName the OS people see, such as "Demo Linux"
   * @param osVersion its version
   * @param isoId the ISO it is built from, or {@code null} for an import
   * @param volumeName the qcow2 volume in the base-image pool
   * @param virtualSizeBytes the disk size a guest sees
   * @param source how the disk came to be
   * @param createdBy the admin's user id, or {@code null} when the portal seeded it
   * @param createdAt now
   */
  public BaseImage(
      String name,
      String osName,
      String osVersion,
      Long isoId,
      String volumeName,
      long virtualSizeBytes,
      BaseImageSource source,
      Long createdBy,
      Instant createdAt) {
    this.name = Objects.requireNonNull(name, "name");
    this.osName = Objects.requireNonNull(osName, "osName");
    this.osVersion = Objects.requireNonNull(osVersion, "osVersion");
    this.isoId = isoId;
    this.volumeName = Objects.requireNonNull(volumeName, "volumeName");
    this.format = "qcow2";
    this.virtualSizeBytes = virtualSizeBytes;
    this.source = Objects.requireNonNull(source, "source");
    this.createdBy = createdBy;
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    this.state = BaseImageState.BUILDING;
  }

  /**
   * Records the installer VM that writes to this image while it is built, and where its console is.
   *
   * @param domainName the libvirt domain
   * @param vncPort its VNC port, or null when unknown
   * @param vncPassword its VNC password
   */
  public void installWith(String domainName, Integer vncPort, String vncPassword) {
    if (state != BaseImageState.BUILDING) {
      throw new IllegalStateException("A sealed base image cannot be installed to");
    }
    installerDomain = Objects.requireNonNull(domainName, "domainName");
    installerVncPort = vncPort;
    installerVncPassword = Objects.requireNonNull(vncPassword, "vncPassword");
  }

  /**
   * Seals the image: from now on it is read-only and overlays may hang off it.
   *
   * @param now the time of sealing
   * @throws IllegalStateException when it is already sealed
   */
  public void seal(Instant now) {
    if (state == BaseImageState.SEALED) {
      throw new IllegalStateException("Base image " + name + " is already sealed");
    }
    state = BaseImageState.SEALED;
    installerDomain = null;
    installerVncPort = null;
    installerVncPassword = null;
    sealedAt = Objects.requireNonNull(now, "now");
  }

  public boolean isSealed() {
    return state == BaseImageState.SEALED;
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getOsName() {
    return osName;
  }

  public String getOsVersion() {
    return osVersion;
  }

  public Long getIsoId() {
    return isoId;
  }

  public String getVolumeName() {
    return volumeName;
  }

  public String getFormat() {
    return format;
  }

  public long getVirtualSizeBytes() {
    return virtualSizeBytes;
  }

  public BaseImageState getState() {
    return state;
  }

  public BaseImageSource getSource() {
    return source;
  }

  public String getInstallerDomain() {
    return installerDomain;
  }

  public Long getCreatedBy() {
    return createdBy;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getSealedAt() {
    return sealedAt;
  }
}

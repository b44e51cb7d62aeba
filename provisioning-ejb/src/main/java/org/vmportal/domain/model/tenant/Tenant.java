package org.vmportal.domain.model.tenant;

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
 * A tenant: an organisation whose members share quotas and never see another tenant's resources.
 * Its identity is the slug of its Keycloak group. The row is made when a platform admin creates the
 * tenant in the portal (the group too), or the first time a member of a group made in Keycloak
 * signs in; it is renamed, given quotas and policies by admins, and never deleted while it owns
 * anything.
 */
@Entity
@Table(name = "tenants")
@NamedQuery(name = "Tenant.findBySlug", query = "SELECT t FROM Tenant t WHERE t.slug = :slug")
@NamedQuery(name = "Tenant.count", query = "SELECT COUNT(t) FROM Tenant t")
@NamedQuery(name = "Tenant.findAll", query = "SELECT t FROM Tenant t ORDER BY t.displayName, t.id")
public class Tenant {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, unique = true, length = 64)
  private String slug;

  @Column(name = "display_name", nullable = false, length = 128)
  private String displayName;

  @Column(name = "allow_personal_isos", nullable = false)
  private boolean allowPersonalIsos;

  @Column(name = "max_vms", nullable = false)
  private int maxVms;

  @Column(name = "max_vcpus", nullable = false)
  private int maxVcpus;

  @Column(name = "max_memory_mib", nullable = false)
  private long maxMemoryMib;

  @Column(name = "max_disk_gib", nullable = false)
  private long maxDiskGib;

  @Column(name = "max_snapshot_gib", nullable = false)
  private long maxSnapshotGib;

  @Column(name = "stop_vms_on_logout", nullable = false)
  private boolean stopVmsOnLogout;

  @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
  private Instant createdAt;

  protected Tenant() {}

  /**
   * A new tenant.
   *
   * @param slug the Keycloak group name
   * @param displayName the name people see
   */
  public Tenant(String slug, String displayName) {
    this.slug = Objects.requireNonNull(slug, "slug");
    this.displayName = Objects.requireNonNull(displayName, "displayName");
  }

  /**
   * Gives the tenant a new display name; the slug (its Keycloak group) stays.
   *
   * @param newName the name people see, 1 to 128 characters
   */
  public void rename(String newName) {
    this.displayName = Objects.requireNonNull(newName, "newName");
  }

  /**
   * Sets the tenant's limits.
   *
   * @param quota every limit set
   * @throws IllegalArgumentException when a limit is missing
   */
  public void changeQuota(Quota quota) {
    if (!quota.hasEveryLimit()) {
      throw new IllegalArgumentException("A tenant needs every limit set.");
    }
    maxVms = quota.maxVms();
    maxVcpus = quota.maxVcpus();
    maxMemoryMib = quota.maxMemoryMib();
    maxDiskGib = quota.maxDiskGib();
    maxSnapshotGib = quota.maxSnapshotGib();
  }

  /**
   * Sets what members may do and what signing out does.
   *
   * @param allowPersonalIsos whether members may upload their own ISOs
   * @param stopVmsOnLogout whether signing out stops the member's running VMs
   */
  public void changePolicy(boolean allowPersonalIsos, boolean stopVmsOnLogout) {
    this.allowPersonalIsos = allowPersonalIsos;
    this.stopVmsOnLogout = stopVmsOnLogout;
  }

  /** The tenant's limits. */
  public Quota getQuota() {
    return new Quota(maxVms, maxVcpus, maxMemoryMib, maxDiskGib, maxSnapshotGib);
  }

  public Long getId() {
    return id;
  }

  public String getSlug() {
    return slug;
  }

  public String getDisplayName() {
    return displayName;
  }

  /** Whether members may upload their own ISOs (counted against {@link #getMaxDiskGib()}). */
  public boolean isAllowPersonalIsos() {
    return allowPersonalIsos;
  }

  /** How many VMs the tenant's members may have together. */
  public int getMaxVms() {
    return maxVms;
  }

  /** How many vCPUs the tenant's VMs may have together. */
  public int getMaxVcpus() {
    return maxVcpus;
  }

  /** How much memory (MiB) the tenant's VMs may have together. */
  public long getMaxMemoryMib() {
    return maxMemoryMib;
  }

  /** The tenant's storage quota in GiB: VM disks, snapshots and personal ISOs together. */
  public long getMaxDiskGib() {
    return maxDiskGib;
  }

  /** The tenant's snapshot storage quota in GiB. */
  public long getMaxSnapshotGib() {
    return maxSnapshotGib;
  }

  /** Whether signing out stops the member's running VMs (off unless the tenant asks for it). */
  public boolean isStopVmsOnLogout() {
    return stopVmsOnLogout;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}

package org.vmportal.domain.model.tenant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * A person who signs in to the portal. Keycloak owns the identity (the {@code subject}); the portal
 * keeps a row so that resources, quotas and the audit trail can refer to the person. The row is
 * created on the first sign-in (or when an admin creates the person in the portal) and refreshed
 * from the token on every later sign-in; admins give it per-member quotas and disable or enable it
 * (together with the Keycloak account).
 */
@Entity
@Table(name = "users")
@NamedQuery(
    name = "PortalUser.findBySubject",
    query = "SELECT u FROM PortalUser u WHERE u.subject = :subject")
@NamedQuery(
    name = "PortalUser.findByUsername",
    query = "SELECT u FROM PortalUser u WHERE u.username = :username")
@NamedQuery(name = "PortalUser.count", query = "SELECT COUNT(u) FROM PortalUser u")
@NamedQuery(
    name = "PortalUser.findByTenant",
    query = "SELECT u FROM PortalUser u WHERE u.tenant.id = :tenantId ORDER BY u.username")
public class PortalUser {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.EAGER)
  @JoinColumn(name = "tenant_id")
  private Tenant tenant;

  @Column(nullable = false, unique = true, length = 64)
  private String subject;

  @Column(nullable = false, unique = true, length = 128)
  private String username;

  @Column(length = 255)
  private String email;

  @Column(name = "full_name", length = 255)
  private String fullName;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 32)
  private Role role;

  @Column(nullable = false)
  private boolean enabled = true;

  @Column(name = "max_vms")
  private Integer maxVms;

  @Column(name = "max_vcpus")
  private Integer maxVcpus;

  @Column(name = "max_memory_mib")
  private Long maxMemoryMib;

  @Column(name = "max_disk_gib")
  private Long maxDiskGib;

  @Column(name = "max_snapshot_gib")
  private Long maxSnapshotGib;

  @Column(name = "last_login_at")
  private Instant lastLoginAt;

  protected PortalUser() {}

  /**
   * A user seen for the first time.
   *
   * @param subject Keycloak's subject identifier
   * @param username Keycloak's preferred username
   */
  public PortalUser(String subject, String username) {
    this.subject = Objects.requireNonNull(subject, "subject");
    this.username = Objects.requireNonNull(username, "username");
  }

  /**
   * A user an admin created in Keycloak through the portal, recorded before their first sign-in so
   * that quotas can be set at once.
   *
   * @param subject the Keycloak user id
   * @param username the username
   * @param email the e-mail address
   * @param fullName first and last name
   * @param tenant the tenant, or {@code null} for a platform admin
   * @param role the role
   */
  public PortalUser(
      String subject, String username, String email, String fullName, Tenant tenant, Role role) {
    this(subject, username);
    this.email = email;
    this.fullName = fullName;
    assign(tenant, role);
  }

  /**
   * Refreshes what the token says about the user, and notes the time of this sign-in.
   *
   * @param identity the identity from the token
   * @param tenant the user's tenant, or {@code null} for a platform admin outside any tenant
   * @param role the highest portal role in the token
   * @param now the sign-in time
   */
  public void recordSignIn(SignInIdentity identity, Tenant tenant, Role role, Instant now) {
    this.username = identity.username();
    this.email = identity.email();
    this.fullName = identity.fullName();
    this.tenant = tenant;
    this.role = Objects.requireNonNull(role, "role");
    this.lastLoginAt = now;
  }

  /**
   * Binds the row to the account that now holds its username in Keycloak, after the account it was
   * made for was deleted there (a realm imported again, an account re-created).
   *
   * @param newSubject the new account's subject
   */
  public void rebind(String newSubject) {
    this.subject = Objects.requireNonNull(newSubject, "newSubject");
  }

  /**
   * Records the tenant and role an admin gave the user in Keycloak; the next sign-in's token says
   * the same.
   *
   * @param newTenant the tenant, or {@code null} for a platform admin outside any tenant
   * @param newRole the role
   */
  public void assign(Tenant newTenant, Role newRole) {
    this.tenant = newTenant;
    this.role = Objects.requireNonNull(newRole, "newRole");
  }

  /**
   * Sets the member's own limits; {@code null} leaves only the tenant's.
   *
   * @param quota the limits
   */
  public void changeQuota(Quota quota) {
    maxVms = quota.maxVms();
    maxVcpus = quota.maxVcpus();
    maxMemoryMib = quota.maxMemoryMib();
    maxDiskGib = quota.maxDiskGib();
    maxSnapshotGib = quota.maxSnapshotGib();
  }

  /**
   * Allows or refuses the user's sign-ins and use of the portal.
   *
   * @param enabled whether the user may use the portal
   */
  public void changeEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** The member's own limits, each {@code null} where only the tenant's applies. */
  public Quota getQuota() {
    return new Quota(maxVms, maxVcpus, maxMemoryMib, maxDiskGib, maxSnapshotGib);
  }

  public Long getId() {
    return id;
  }

  public Tenant getTenant() {
    return tenant;
  }

  public String getSubject() {
    return subject;
  }

  public String getUsername() {
    return username;
  }

  public String getEmail() {
    return email;
  }

  public String getFullName() {
    return fullName;
  }

  public Role getRole() {
    return role;
  }

  public boolean isEnabled() {
    return enabled;
  }

  /** The member's own VM limit, or {@code null} when only the tenant's applies. */
  public Integer getMaxVms() {
    return maxVms;
  }

  /** The member's own vCPU limit, or {@code null}. */
  public Integer getMaxVcpus() {
    return maxVcpus;
  }

  /** The member's own memory limit in MiB, or {@code null}. */
  public Long getMaxMemoryMib() {
    return maxMemoryMib;
  }

  /** The member's own disk limit in GiB, or {@code null}. */
  public Long getMaxDiskGib() {
    return maxDiskGib;
  }

  /** The member's own snapshot limit in GiB, or {@code null}. */
  public Long getMaxSnapshotGib() {
    return maxSnapshotGib;
  }

  public Instant getLastLoginAt() {
    return lastLoginAt;
  }
}

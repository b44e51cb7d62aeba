package org.vmportal.application.internal;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.vmportal.application.AccessRevoked;
import org.vmportal.application.AccessRevoked.VmStop;
import org.vmportal.application.Actor;
import org.vmportal.application.MemberService;
import org.vmportal.application.PortalException;
import org.vmportal.application.PortalException.Kind;
import org.vmportal.domain.model.audit.AuditTarget;
import org.vmportal.domain.model.tenant.PortalUser;
import org.vmportal.domain.model.tenant.PortalUserRepository;
import org.vmportal.domain.model.tenant.Quota;
import org.vmportal.domain.model.tenant.ResourceUsage;
import org.vmportal.domain.model.tenant.Role;
import org.vmportal.domain.model.tenant.Tenant;
import org.vmportal.domain.model.tenant.TenantRepository;
import org.vmportal.domain.service.DirectoryException;
import org.vmportal.domain.service.IdentityDirectory;
import org.vmportal.domain.service.IdentityDirectory.Account;
import org.vmportal.domain.service.IdentityDirectory.NewAccount;

/**
 * Members: accounts in Keycloak, rows here. The portal writes its row first and Keycloak last, so a
 * Keycloak failure rolls the row back and leaves nothing half-changed.
 */
@Stateless
public class DefaultMemberService implements MemberService {

  private static final Logger LOG = Logger.getLogger(DefaultMemberService.class.getName());
  private static final String NO_SUCH_PERSON = "There is no such person.";
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
  private static final int MAX_NAME = 64;
  private static final int MIN_PASSWORD = 8;
  private static final int MAX_PASSWORD = 128;

  @Inject private IdentityDirectory directory;
  @Inject private PortalUserRepository users;
  @Inject private TenantRepository tenants;
  @Inject private TenantAccess access;
  @Inject private AuditLog audit;
  @Inject private Event<AccessRevoked> revocations;

  @Override
  public List<MemberView> members(Actor actor, long tenantId) {
    Tenant tenant;
    List<Account> accounts;
    try {
      tenant = access.administered(actor, tenantId);
      accounts = directory.members(tenant.getSlug());
    } catch (PortalException e) {
      audit.refused(
          actor,
          "MEMBERS_LISTED",
          new AuditTarget("tenant", Long.toString(tenantId)),
          e.getMessage());
      throw e;
    } catch (DirectoryException e) {
      if (e.getKind() == DirectoryException.Kind.NOT_FOUND) {
        return List.of(); // a tenant made by a first sign-in whose group has since gone
      }
      throw DefaultTenantService.directoryFailed(e);
    }
    Map<String, PortalUser> rows =
        users.findByTenant(tenant.getId()).stream()
            .collect(Collectors.toMap(PortalUser::getSubject, Function.identity()));
    Map<Long, ResourceUsage> usage = tenants.usageByMember(tenant.getId());
    return accounts.stream()
        .map(
            account -> {
              PortalUser row =
                  rows.containsKey(account.subject())
                      ? rows.get(account.subject())
                      : users.findBySubject(account.subject()).orElse(null);
              return view(
                  account,
                  row,
                  tenant.getId(),
                  row == null
                      ? ResourceUsage.NONE
                      : usage.getOrDefault(row.getId(), ResourceUsage.NONE));
            })
        .toList();
  }

  @Override
  public MemberView get(Actor actor, String subject) {
    return act(actor, "MEMBER_VIEWED", subject, (account, row) -> null);
  }

  @Override
  public MemberView create(Actor actor, long tenantId, NewMember request) {
    AuditTarget target =
        new AuditTarget(
            "user", request == null || request.username() == null ? "?" : cut(request.username()));
    Tenant tenant;
    Role role;
    NewAccount account;
    String subject;
    try {
      tenant = access.administered(actor, tenantId);
      if (request == null) {
        throw new PortalException(Kind.INVALID, "Say who the new member is.");
      }
      role = grantableRole(actor, request.role());
      account =
          new NewAccount(
              checkedUsername(request.username()),
              checkedEmail(request.email()),
              checkedName("first name", request.firstName()),
              checkedName("last name", request.lastName()));
      String password = checkedPassword(request.temporaryPassword());
      subject = directory.create(account, password, tenant.getSlug(), role);
    } catch (DirectoryException e) {
      PortalException refusal =
          e.getKind() == DirectoryException.Kind.CONFLICT
              ? new PortalException(
                  Kind.CONFLICT, "That username or e-mail address is already taken in Keycloak.")
              : DefaultTenantService.directoryFailed(e);
      audit.refused(actor, "MEMBER_CREATED", target, refusal.getMessage());
      throw refusal;
    } catch (PortalException e) {
      audit.refused(actor, "MEMBER_CREATED", target, e.getMessage());
      throw e;
    }
    // The row is a cache of the account: were this insert lost, the first sign-in makes it.
    PortalUser row =
        users.store(
            new PortalUser(
                subject,
                account.username(),
                account.email(),
                (account.firstName() + " " + account.lastName()).strip(),
                tenant,
                role));
    audit.success(
        actor,
        "MEMBER_CREATED",
        new AuditTarget("user", subject),
        account.username() + " as " + role.keycloakName() + " in " + tenant.getSlug());
    LOG.log(
        Level.INFO,
        "{0} created {1} in tenant {2}",
        new Object[] {actor.username(), account.username(), tenant.getSlug()});
    return view(
        new Account(
            subject,
            account.username(),
            account.email(),
            account.firstName(),
            account.lastName(),
            true,
            tenant.getSlug(),
            role),
        row,
        tenant.getId(),
        ResourceUsage.NONE);
  }

  @Override
  public MemberView assign(Actor actor, String subject, long tenantId, String roleName) {
    return act(
        actor,
        "MEMBER_ASSIGNED",
        subject,
        (account, row) -> {
          Tenant tenant = access.administered(actor, tenantId);
          Role role = grantableRole(actor, roleName);
          boolean moves = !tenant.getSlug().equals(account.tenantSlug());
          if (moves && ownsVms(row)) {
            throw new PortalException(
                Kind.CONFLICT,
                account.username() + " owns VMs in their tenant; wipe them before moving them.");
          }
          row.assign(tenant, role);
          users.store(row);
          directory.assign(account.subject(), tenant.getSlug(), role);
          if (moves || role != account.role()) {
            revocations.fire(
                new AccessRevoked(
                    row.getId(), row.getUsername(), true, VmStop.NONE, "role or tenant changed"));
          }
          return account.username() + " \u2192 " + role.keycloakName() + " in " + tenant.getSlug();
        });
  }

  @Override
  public MemberView setEnabled(Actor actor, String subject, boolean enabled) {
    return act(
        actor,
        enabled ? "MEMBER_ENABLED" : "MEMBER_DISABLED",
        subject,
        (account, row) -> {
          if (!enabled && row.getId().equals(actor.userId())) {
            throw new PortalException(Kind.CONFLICT, "You cannot disable yourself.");
          }
          row.changeEnabled(enabled);
          users.store(row);
          directory.setEnabled(account.subject(), enabled);
          if (!enabled) {
            try {
              directory.endSessions(account.subject());
            } catch (DirectoryException e) {
              // The account is disabled: its sessions can no longer refresh a token.
              LOG.log(
                  Level.WARNING, "Could not end the Keycloak sessions of " + account.username(), e);
            }
            revocations.fire(
                new AccessRevoked(
                    row.getId(),
                    row.getUsername(),
                    true,
                    VmStop.FORCED,
                    "disabled by " + actor.username()));
          }
          return account.username();
        });
  }

  @Override
  public MemberView changeQuota(Actor actor, String subject, Quota quota) {
    return act(
        actor,
        "MEMBER_QUOTA_CHANGED",
        subject,
        (account, row) -> {
          if (quota == null) {
            throw new PortalException(Kind.INVALID, "Send the limits (null for none).");
          }
          row.changeQuota(quota);
          users.store(row);
          return account.username() + ": " + quota;
        });
  }

  @Override
  public void resetPassword(Actor actor, String subject, String temporaryPassword) {
    act(
        actor,
        "MEMBER_PASSWORD_RESET",
        subject,
        (account, row) -> {
          directory.resetPassword(account.subject(), checkedPassword(temporaryPassword));
          return account.username();
        });
  }

  /** What a change does to one person; returns the audit detail, or null for a read. */
  private interface MemberChange {
    String apply(Account account, PortalUser row);
  }

  /**
   * Finds the person if the actor may manage them, applies the change, audits it; refusals are
   * audited too.
   */
  private MemberView act(Actor actor, String action, String subject, MemberChange change) {
    AuditTarget target = new AuditTarget("user", subject == null ? "?" : cut(subject));
    try {
      access.requireAdmin(actor);
      Account account = reachable(actor, subject);
      PortalUser row = rowFor(account);
      String detail = change.apply(account, row);
      if (detail != null) {
        audit.success(actor, action, target, detail);
      }
      Account now = detail == null ? account : directory.account(subject).orElse(account);
      Long tenantId = row.getTenant() == null ? null : row.getTenant().getId();
      ResourceUsage usage =
          tenantId == null
              ? ResourceUsage.NONE
              : tenants.usageByMember(tenantId).getOrDefault(row.getId(), ResourceUsage.NONE);
      return view(now, row, tenantId, usage);
    } catch (DirectoryException e) {
      PortalException failure = DefaultTenantService.directoryFailed(e);
      audit.refused(actor, action, target, failure.getMessage());
      throw failure;
    } catch (IllegalArgumentException e) {
      PortalException invalid = new PortalException(Kind.INVALID, e.getMessage());
      audit.refused(actor, action, target, invalid.getMessage());
      throw invalid;
    } catch (PortalException e) {
      audit.refused(actor, action, target, e.getMessage());
      throw e;
    }
  }

  /**
   * The account, if the actor may manage it: platform admins anyone; tenant admins the members of
   * their own tenant who are not platform admins. Anyone else is not found.
   */
  private Account reachable(Actor actor, String subject) {
    Optional<Account> account = subject == null ? Optional.empty() : directory.account(subject);
    return account
        .filter(
            a ->
                actor.isPlatformAdmin()
                    || a.role() != Role.PLATFORM_ADMIN && access.administers(actor, a.tenantSlug()))
        .orElseThrow(() -> new PortalException(Kind.NOT_FOUND, NO_SUCH_PERSON));
  }

  /** The portal's row for the account, made now if they never signed in. */
  private PortalUser rowFor(Account account) {
    return users
        .findBySubject(account.subject())
        .orElseGet(
            () ->
                users.store(
                    new PortalUser(
                        account.subject(),
                        account.username(),
                        account.email(),
                        account.fullName(),
                        account.tenantSlug() == null
                            ? null
                            : tenants.findOrCreate(account.tenantSlug()),
                        account.role() == null ? Role.GUEST : account.role())));
  }

  private boolean ownsVms(PortalUser row) {
    return row.getTenant() != null
        && tenants
                .usageByMember(row.getTenant().getId())
                .getOrDefault(row.getId(), ResourceUsage.NONE)
                .vms()
            > 0;
  }

  /** The role, if the actor may give it: tenant admins give guest and tenant-admin only. */
  private static Role grantableRole(Actor actor, String name) {
    Role role = null;
    for (Role candidate : Role.values()) {
      if (candidate.keycloakName().equals(name)) {
        role = candidate;
      }
    }
    if (role == null) {
      throw new PortalException(
          Kind.INVALID, "A role is one of guest, tenant-admin and platform-admin.");
    }
    if (role == Role.PLATFORM_ADMIN && !actor.isPlatformAdmin()) {
      throw new PortalException(Kind.FORBIDDEN, "Only platform admins can make platform admins.");
    }
    return role;
  }

  private static String checkedUsername(String raw) {
    String username = raw == null ? "" : raw.strip();
    if (!USERNAME.matcher(username).matches()) {
      throw new PortalException(
          Kind.INVALID,
          "A username is 2 to 64 lower-case letters, digits, dots, dashes or underscores.");
    }
    return username;
  }

  private static String checkedEmail(String raw) {
    String email = raw == null ? "" : raw.strip();
    if (email.length() > 255 || !EMAIL.matcher(email).matches()) {
      throw new PortalException(Kind.INVALID, "Give a valid e-mail address.");
    }
    return email;
  }

  private static String checkedName(String what, String raw) {
    String name = raw == null ? "" : raw.strip();
    if (name.isEmpty() || name.length() > MAX_NAME) {
      throw new PortalException(
          Kind.INVALID, "The " + what + " is 1 to " + MAX_NAME + " characters.");
    }
    if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new PortalException(Kind.INVALID, "The " + what + " contains control characters.");
    }
    return name;
  }

  private static String checkedPassword(String password) {
    if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
      throw new PortalException(
          Kind.INVALID,
          "A temporary password is " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters.");
    }
    return password;
  }

  private static MemberView view(
      Account account, PortalUser row, Long tenantId, ResourceUsage usage) {
    return new MemberView(
        account.subject(),
        row == null ? null : row.getId(),
        account.username(),
        account.email(),
        account.fullName(),
        account.enabled(),
        account.role() == null ? null : account.role().keycloakName(),
        tenantId,
        row == null ? new Quota(null, null, null, null, null) : row.getQuota(),
        usage,
        row == null ? null : row.getLastLoginAt());
  }

  private static String cut(String text) {
    return text.length() > 64 ? text.substring(0, 64) : text;
  }
}

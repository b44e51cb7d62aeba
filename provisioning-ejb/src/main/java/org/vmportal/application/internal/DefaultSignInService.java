package org.vmportal.application.internal;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.vmportal.application.AccessRevoked;
import org.vmportal.application.Actor;
import org.vmportal.application.SignInRefusedException;
import org.vmportal.application.SignInService;
import org.vmportal.domain.model.audit.AuditEvent;
import org.vmportal.domain.model.audit.AuditRepository;
import org.vmportal.domain.model.audit.AuditTarget;
import org.vmportal.domain.model.audit.Outcome;
import org.vmportal.domain.model.tenant.PortalUser;
import org.vmportal.domain.model.tenant.PortalUserRepository;
import org.vmportal.domain.model.tenant.Role;
import org.vmportal.domain.model.tenant.SignInIdentity;
import org.vmportal.domain.model.tenant.Tenant;
import org.vmportal.domain.model.tenant.TenantMembership;
import org.vmportal.domain.model.tenant.TenantRepository;
import org.vmportal.domain.service.DirectoryException;
import org.vmportal.domain.service.IdentityDirectory;

/** Just-in-time provisioning of users and tenants from Keycloak identities. */
@Stateless
public class DefaultSignInService implements SignInService {

  private static final Logger LOG = Logger.getLogger(DefaultSignInService.class.getName());
  static final String ACTION = "SIGN_IN";

  @Inject private TenantRepository tenants;
  @Inject private PortalUserRepository users;
  @Inject private AuditRepository audit;
  @Inject private AuditLog auditLog;
  @Inject private Event<AccessRevoked> revocations;
  @Inject private IdentityDirectory directory;

  @Override
  public PortalUser signIn(SignInIdentity identity, String clientAddress) {
    Role role =
        Role.highestOf(identity.roles())
            .orElseThrow(
                () ->
                    refuse(
                        identity,
                        clientAddress,
                        "Your account has no VM Portal role. Ask an administrator to give you one."));
    Optional<String> tenantSlug;
    try {
      tenantSlug = TenantMembership.tenantSlugOf(identity.groupPaths());
    } catch (IllegalArgumentException e) {
      throw refuse(
          identity,
          clientAddress,
          "Your account's tenant membership is not valid (" + e.getMessage() + ").");
    }
    if (tenantSlug.isEmpty() && role != Role.PLATFORM_ADMIN) {
      throw refuse(
          identity,
          clientAddress,
          "Your account belongs to no tenant. Ask an administrator to add you to one.");
    }
    Tenant tenant = tenantSlug.map(tenants::findOrCreate).orElse(null);

    Optional<PortalUser> known = users.findBySubject(identity.subject());
    if (known.isEmpty()) {
      known = rebound(identity, clientAddress);
    }
    if (known.isPresent() && !known.get().isEnabled()) {
      throw refuse(identity, clientAddress, "Your account is disabled in VM Portal.");
    }
    PortalUser user =
        known.orElseGet(() -> new PortalUser(identity.subject(), identity.username()));
    Instant now = Instant.now();
    user.recordSignIn(identity, tenant, role, now);
    user = users.store(user);

    audit.append(
        new AuditEvent(
            now,
            user.getUsername(),
            tenant == null ? null : tenant.getId(),
            ACTION,
            new AuditTarget("user", user.getId().toString()),
            Outcome.SUCCESS,
            known.isEmpty() ? "first sign-in, role " + role.keycloakName() : null,
            clientAddress));
    LOG.log(
        Level.INFO,
        "{0} signed in as {1} of tenant {2}",
        new Object[] {user.getUsername(), role.keycloakName(), tenantSlug.orElse("(none)")});
    return user;
  }

  @Override
  public void signedOut(Actor actor) {
    boolean stopVms =
        actor.tenantId() != null
            && actor.userId() != null
            && tenants.find(actor.tenantId()).map(Tenant::isStopVmsOnLogout).orElse(false);
    auditLog.success(
        actor,
        "SIGN_OUT",
        actor.userId() == null ? null : new AuditTarget("user", actor.userId().toString()),
        stopVms ? "the tenant stops VMs at sign-out" : null);
    if (stopVms) {
      revocations.fire(
          new AccessRevoked(
              actor.userId(),
              actor.username(),
              false,
              AccessRevoked.VmStop.GRACEFUL,
              "signed out; the tenant stops VMs at sign-out"));
    }
  }

  /**
   * The row of an earlier account with this username, when Keycloak no longer has that account: the
   * username now belongs to the signing-in account. A username still held by another live account
   * is refused.
   */
  private Optional<PortalUser> rebound(SignInIdentity identity, String clientAddress) {
    Optional<PortalUser> earlier = users.findByUsername(identity.username());
    if (earlier.isEmpty()) {
      return earlier;
    }
    boolean earlierAccountLives;
    try {
      earlierAccountLives = directory.account(earlier.get().getSubject()).isPresent();
    } catch (DirectoryException e) {
      throw refuse(identity, clientAddress, "VM Portal cannot check your account right now.");
    }
    if (earlierAccountLives) {
      throw refuse(
          identity,
          clientAddress,
          "Another account already uses this username in VM Portal. Ask an administrator.");
    }
    String oldSubject = earlier.get().getSubject();
    earlier.get().rebind(identity.subject());
    audit.append(
        new AuditEvent(
            Instant.now(),
            identity.username(),
            null,
            "USER_REBOUND",
            new AuditTarget("user", earlier.get().getId().toString()),
            Outcome.SUCCESS,
            "Keycloak account "
                + oldSubject
                + " is gone; the username now belongs to "
                + identity.subject(),
            clientAddress));
    return earlier;
  }

  @Override
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public boolean keycloakSessionAlive(String subject, String keycloakSessionId) {
    try {
      return directory.sessionIds(subject).contains(keycloakSessionId);
    } catch (DirectoryException e) {
      LOG.log(Level.WARNING, "Could not ask Keycloak for sessions: {0}", e.getMessage());
      return true; // Keycloak being away must not sign everyone out
    }
  }

  @Override
  public void pageRefused(Actor actor, String path) {
    String page = path.length() > 64 ? path.substring(0, 64) : path;
    auditLog.refused(
        actor, "PAGE_REFUSED", new AuditTarget("page", page), "the page needs another role");
  }

  private SignInRefusedException refuse(
      SignInIdentity identity, String clientAddress, String message) {
    audit.append(
        new AuditEvent(
            Instant.now(),
            identity.username(),
            null,
            ACTION,
            null,
            Outcome.REFUSED,
            message,
            clientAddress));
    LOG.log(
        Level.WARNING, "Sign-in of {0} refused: {1}", new Object[] {identity.username(), message});
    return new SignInRefusedException(message);
  }
}

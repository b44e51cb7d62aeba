package org.vmportal.application.internal;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.vmportal.application.Actor;
import org.vmportal.application.ConsoleService;
import org.vmportal.application.PortalException;
import org.vmportal.application.PortalException.Kind;
import org.vmportal.domain.model.audit.AuditTarget;
import org.vmportal.domain.model.image.BaseImage;
import org.vmportal.domain.model.image.BaseImageRepository;
import org.vmportal.domain.model.tenant.PortalUser;
import org.vmportal.domain.model.tenant.PortalUserRepository;
import org.vmportal.domain.model.tenant.Role;
import org.vmportal.domain.model.vm.VirtualMachine;
import org.vmportal.domain.model.vm.VmState;
import org.vmportal.guacamole.access.ConsoleDirectory;
import org.vmportal.guacamole.access.ConsoleDirectory.Redeemed;
import org.vmportal.guacamole.access.ConsoleKind;
import org.vmportal.guacamole.access.ConsoleTarget;
import org.vmportal.guacamole.access.TicketRefusedException;

/**
 * Console tickets through the {@link ConsoleDirectory} shared with the Guacamole extension, with
 * the portal's visibility rules in front and its audit log behind. A singleton without container
 * locking: the directory is thread-safe and each call uses its own connection.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DefaultConsoleService implements ConsoleService {

  private static final Logger LOG = Logger.getLogger(DefaultConsoleService.class.getName());

  @Inject private ConsoleDirectory directory;
  @Inject private VmLedger ledger;
  @Inject private BaseImageRepository baseImages;
  @Inject private PortalUserRepository users;
  @Inject private AuditLog audit;

  @Override
  public String issueTicket(Actor actor, long targetId, ConsoleKind kind) {
    AuditTarget target = auditTarget(kind, targetId);
    String action = "CONSOLE_TICKET_ISSUED";
    try {
      if (actor.userId() == null) {
        throw new PortalException(Kind.FORBIDDEN, "Sign in to open a console.");
      }
      String detail =
          kind == ConsoleKind.INSTALLER
              ? installerDetail(actor, targetId)
              : vmDetail(actor, targetId, kind);
      String ticket;
      try {
        ticket = directory.issue(actor.userId(), targetId, kind, actor.clientAddress());
      } catch (TicketRefusedException e) {
        throw new PortalException(
            Kind.CONFLICT, "The console is not ready yet; try again in a moment.");
      }
      audit.success(actor, action, target, detail);
      return ticket;
    } catch (PortalException e) {
      audit.refused(actor, action, target, e.getMessage());
      throw e;
    } catch (SQLException e) {
      throw databaseFailed(e);
    }
  }

  /** Checks a VM console request the way every VM operation is checked; says what is opened. */
  private String vmDetail(Actor actor, long vmId, ConsoleKind kind) {
    VirtualMachine vm = ledger.owned(actor, vmId);
    if (vm.getState() != VmState.RUNNING) {
      throw new PortalException(
          Kind.CONFLICT, "\u201c" + vm.getName() + "\u201d is not running. Start it first.");
    }
    if (kind == ConsoleKind.TERMINAL && vm.getSerialPort() == null) {
      throw new PortalException(
          Kind.CONFLICT,
          "\u201c" + vm.getName() + "\u201d has no serial console (it predates them).");
    }
    String detail = kind.name().toLowerCase(Locale.ROOT) + " console of " + vm.getName();
    return Long.valueOf(vm.getOwnerId()).equals(actor.userId())
        ? detail
        : detail + "; by a platform admin on another user's VM";
  }

  /** An installer's console is for platform admins, while the image is being built. */
  private String installerDetail(Actor actor, long baseImageId) {
    BaseImage image =
        baseImages
            .find(baseImageId)
            .filter(i -> actor.isPlatformAdmin())
            .orElseThrow(() -> new PortalException(Kind.NOT_FOUND, "There is no such base image."));
    if (image.getInstallerDomain() == null) {
      throw new PortalException(
          Kind.CONFLICT, "\u201c" + image.getName() + "\u201d has no installer running.");
    }
    return "installer console of " + image.getName();
  }

  @Override
  public Redeemed redeem(String token, String username, String clientAddress) {
    Actor actor = actorFor(username, clientAddress);
    try {
      Redeemed redeemed = directory.redeem(token, username);
      touchVm(redeemed);
      audit.success(
          actor,
          "CONSOLE_OPENED",
          auditTarget(redeemed.ticket().kind(), redeemed.target().vmId()),
          clientAddress == null
              ? describe(redeemed)
              : describe(redeemed) + " from " + clientAddress);
      return redeemed;
    } catch (TicketRefusedException e) {
      audit.refused(actor, "CONSOLE_OPENED", null, e.reason() + ": " + e.getMessage());
      throw new PortalException(Kind.FORBIDDEN, e.getMessage());
    } catch (SQLException e) {
      throw databaseFailed(e);
    }
  }

  @Override
  public Optional<ConsoleTarget> stillAllowed(long userId, long vmId, ConsoleKind kind) {
    try {
      return directory.target(userId, vmId, kind);
    } catch (SQLException e) {
      throw databaseFailed(e);
    }
  }

  @Override
  public void closed(Redeemed redeemed, String username, String clientAddress, String how) {
    touchVm(redeemed);
    audit.success(
        actorFor(username, clientAddress),
        "CONSOLE_CLOSED",
        auditTarget(redeemed.ticket().kind(), redeemed.target().vmId()),
        describe(redeemed) + ": " + how);
  }

  @Override
  public void inUse(java.util.Collection<Long> vmIds) {
    ledger.touch(vmIds);
  }

  @Override
  public void endedByAdmin(Actor admin, Redeemed redeemed, String username) {
    audit.success(
        admin,
        "CONSOLE_ENDED",
        auditTarget(redeemed.ticket().kind(), redeemed.target().vmId()),
        username + "'s " + describe(redeemed));
  }

  /** Tickets are single-use and short-lived; their rows are kept a day, then purged hourly. */
  @Schedule(hour = "*", minute = "17", persistent = false)
  void purgeExpiredTickets() {
    try {
      int purged = directory.purgeExpiredTickets();
      if (purged > 0) {
        LOG.log(Level.INFO, "Purged {0} expired console tickets", purged);
      }
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "Purging console tickets failed: " + e.getMessage(), e);
    }
  }

  /** A console opened or closed is use of the VM: idle time counts from now. */
  private void touchVm(Redeemed redeemed) {
    if (redeemed.ticket().kind() != ConsoleKind.INSTALLER) {
      ledger.touch(java.util.List.of(redeemed.target().vmId()));
    }
  }

  private Actor actorFor(String username, String clientAddress) {
    Optional<PortalUser> user =
        username == null ? Optional.empty() : users.findByUsername(username);
    return user.map(
            u ->
                new Actor(
                    u.getId(),
                    u.getUsername(),
                    u.getTenant() == null ? null : u.getTenant().getId(),
                    u.getRole(),
                    clientAddress))
        .orElseGet(
            () ->
                new Actor(
                    null,
                    username == null ? "anonymous" : username,
                    null,
                    Role.GUEST,
                    clientAddress));
  }

  private static String describe(Redeemed redeemed) {
    ConsoleTarget target = redeemed.target();
    return redeemed.ticket().kind().name().toLowerCase(Locale.ROOT)
        + " console of "
        + target.vmName()
        + " (ticket "
        + redeemed.ticket().id().substring(0, 8)
        + ")";
  }

  private static AuditTarget auditTarget(ConsoleKind kind, long targetId) {
    return new AuditTarget(
        kind == ConsoleKind.INSTALLER ? "base_image" : "vm", Long.toString(targetId));
  }

  private static PortalException databaseFailed(SQLException e) {
    LOG.log(Level.SEVERE, "Console access failed in the database", e);
    return new PortalException(
        Kind.FAILED, "The console could not be opened; please try again.", e);
  }
}

package org.vmportal.application;

import java.util.Optional;
import org.vmportal.guacamole.access.ConsoleDirectory.Redeemed;
import org.vmportal.guacamole.access.ConsoleKind;
import org.vmportal.guacamole.access.ConsoleTarget;

/**
 * Console access to running VMs: short-lived, single-use tickets bound to a user and a VM, and the
 * checks a live console repeats. The VNC host, port and password never leave the server. Every
 * ticket and every console opened or refused is audited.
 */
public interface ConsoleService {

  /**
   * Issues a ticket for one console of one of the actor's running VMs (any VM for a platform admin,
   * which is audited as such), or of the installer VM building a base image (platform admins).
   *
   * @param actor who asks
   * @param targetId the VM, or the base image for {@link ConsoleKind#INSTALLER}
   * @param kind desktop, terminal or installer
   * @return the signed ticket, valid for 60 s, once
   * @throws PortalException NOT_FOUND for a VM or image the actor may not see, CONFLICT when it is
   *     not running or has no such console
   */
  String issueTicket(Actor actor, long targetId, ConsoleKind kind);

  /**
   * Opens a ticket presented by a signed-in user, once.
   *
   * @param token the ticket
   * @param username the signed-in user presenting it
   * @param clientAddress where the console connection comes from
   * @return the ticket and its console
   * @throws PortalException FORBIDDEN with the reason in words
   */
  Redeemed redeem(String token, String username, String clientAddress);

  /**
   * The console, if the user may still have it open.
   *
   * @param userId the portal user
   * @param vmId the VM
   * @param kind desktop or terminal
   * @return the target, or empty when a live session must end
   * @throws PortalException FAILED when the database cannot tell; keep the session and ask again
   */
  Optional<ConsoleTarget> stillAllowed(long userId, long vmId, ConsoleKind kind);

  /**
   * Audits the end of a console session.
   *
   * @param redeemed the ticket that opened it
   * @param username who had it open
   * @param clientAddress from where
   * @param how why it ended, in words
   */
  void closed(Redeemed redeemed, String username, String clientAddress, String how);

  /**
   * Audits an admin ending someone's console.
   *
   * @param admin the platform admin
   * @param redeemed the ticket that opened the console
   * @param username whose console it was
   */
  void endedByAdmin(Actor admin, Redeemed redeemed, String username);

  /**
   * Records that the VMs' consoles are open: an open console keeps a VM from counting as idle.
   *
   * @param vmIds the VMs
   */
  void inUse(java.util.Collection<Long> vmIds);
}

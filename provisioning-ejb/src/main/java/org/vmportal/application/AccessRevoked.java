package org.vmportal.application;

/**
 * A CDI event, fired after the change commits, when a person's access changes under them: disabled,
 * given another role or tenant, or signed out of a tenant that stops VMs at sign-out. Observers end
 * the person's portal sessions (and with them their consoles) and stop their VMs as asked.
 *
 * @param userId the portal user
 * @param username their username, for logs
 * @param endSessions whether their open portal sessions must end
 * @param vmStop what happens to their running VMs
 * @param reason why, for the audit trail
 */
public record AccessRevoked(
    long userId, String username, boolean endSessions, VmStop vmStop, String reason) {

  /** What happens to the person's running VMs. */
  public enum VmStop {
    /** They keep running. */
    NONE,
    /** Shut down (ACPI, forced after the timeout), in the background. */
    GRACEFUL,
    /** Powered off at once, before the change returns. */
    FORCED
  }
}

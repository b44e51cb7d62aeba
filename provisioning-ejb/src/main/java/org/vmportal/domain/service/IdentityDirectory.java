package org.vmportal.domain.service;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vmportal.domain.model.tenant.Role;

/**
 * The identity provider's directory (Keycloak): accounts, their tenant group and portal role, their
 * sessions, and the tenant groups themselves. Keycloak owns identities; the portal changes them
 * only through this port. Every method may throw {@link DirectoryException}.
 */
public interface IdentityDirectory {

  /**
   * The members of one tenant group.
   *
   * @param tenantSlug the group's name under {@code /tenants}
   * @return the accounts, by username
   */
  List<Account> members(String tenantSlug);

  /**
   * One account, with its tenant and role.
   *
   * @param subject the Keycloak user id
   * @return the account, or empty when there is none
   */
  Optional<Account> account(String subject);

  /**
   * Creates an enabled account with a temporary password (to be changed at the first sign-in) in a
   * tenant group, with a portal role. Either all of it exists afterwards or none of it.
   *
   * @param account what the person is called and how they are reached
   * @param temporaryPassword the first password
   * @param tenantSlug the tenant group, or {@code null} for a platform admin
   * @param role the portal role
   * @return the new account's subject
   * @throws DirectoryException CONFLICT when the username or e-mail address is taken
   */
  String create(NewAccount account, String temporaryPassword, String tenantSlug, Role role);

  /**
   * Puts the account in exactly one tenant group (or none) and gives it exactly one portal role.
   *
   * @param subject the account
   * @param tenantSlug the tenant group, or {@code null}
   * @param role the portal role
   */
  void assign(String subject, String tenantSlug, Role role);

  /**
   * Enables or disables the account; a disabled account cannot sign in.
   *
   * @param subject the account
   * @param enabled the new state
   */
  void setEnabled(String subject, boolean enabled);

  /**
   * Sets a temporary password, to be changed at the next sign-in.
   *
   * @param subject the account
   * @param temporaryPassword the password
   */
  void resetPassword(String subject, String temporaryPassword);

  /**
   * Ends every session of the account in the identity provider.
   *
   * @param subject the account
   */
  void endSessions(String subject);

  /**
   * The ids of the account's live sessions (the {@code sid} of its tokens).
   *
   * @param subject the account
   * @return the session ids; empty when it has none
   */
  Set<String> sessionIds(String subject);

  /**
   * Creates a tenant group.
   *
   * @param slug its name under {@code /tenants}
   * @param displayName the name people see
   * @throws DirectoryException CONFLICT when the group exists
   */
  void createTenant(String slug, String displayName);

  /**
   * Renames a tenant group for people; its slug stays.
   *
   * @param slug the group
   * @param displayName the new name
   */
  void renameTenant(String slug, String displayName);

  /**
   * Deletes a tenant group (undoing a create that could not be completed).
   *
   * @param slug the group
   */
  void deleteTenant(String slug);

  /**
   * An account as the directory holds it.
   *
   * @param subject the Keycloak user id
   * @param username the username
   * @param email the e-mail address, or {@code null}
   * @param firstName the first name, or {@code null}
   * @param lastName the last name, or {@code null}
   * @param enabled whether it may sign in
   * @param tenantSlug its tenant group, or {@code null}
   * @param role its highest portal role, or {@code null} when it has none
   */
  record Account(
      String subject,
      String username,
      String email,
      String firstName,
      String lastName,
      boolean enabled,
      String tenantSlug,
      Role role) {

    /** First and last name, or the username when neither is set. */
    public String fullName() {
      String name =
          ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
      return name.isEmpty() ? username : name;
    }
  }

  /**
   * What a new account needs so that Keycloak lets the person sign in (its default profile asks for
   * e-mail, first and last name).
   *
   * @param username the username
   * @param email the e-mail address
   * @param firstName the first name
   * @param lastName the last name
   */
  record NewAccount(String username, String email, String firstName, String lastName) {}
}

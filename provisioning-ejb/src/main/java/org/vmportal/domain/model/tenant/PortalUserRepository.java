package org.vmportal.domain.model.tenant;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Portal users, by Keycloak subject. */
public interface PortalUserRepository {

  /**
   * The user with the given Keycloak subject.
   *
   * @param subject the {@code sub} claim
   * @return the user, or empty if they never signed in
   */
  Optional<PortalUser> findBySubject(String subject);

  /**
   * The user with this user name (Keycloak's {@code preferred_username}, unique in the realm).
   *
   * @param username the user name
   * @return the user, if known
   */
  Optional<PortalUser> findByUsername(String username);

  /**
   * One user.
   *
   * @param id the user's id
   * @return the user, or empty
   */
  Optional<PortalUser> find(long id);

  /**
   * The portal rows of a tenant's members, by username.
   *
   * @param tenantId the tenant
   * @return the users
   */
  List<PortalUser> findByTenant(long tenantId);

  /**
   * Stores a new or changed user.
   *
   * @param user the user
   * @return the managed user
   */
  PortalUser store(PortalUser user);

  /**
   * Usernames by user id.
   *
   * @param ids user ids
   * @return the usernames of those that exist
   */
  Map<Long, String> usernames(Collection<Long> ids);

  /** How many users have signed in at least once. */
  long count();
}

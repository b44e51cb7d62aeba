package org.vmportal.domain.model.image;

import java.util.List;
import java.util.Optional;

/** ISO images. */
public interface IsoRepository {

  /**
   * One ISO.
   *
   * @param id its id
   * @return the ISO, or empty
   */
  Optional<Iso> find(long id);

  /**
   * The ISOs of one scope, newest first.
   *
   * @param tenantId a tenant's personal ISOs, or {@code null} for the platform catalog
   * @return the ISOs
   */
  List<Iso> findInScope(Long tenantId);

  /** Every ISO, newest first. */
  List<Iso> findAll();

  /**
   * The ISO with the given content in one scope.
   *
   * @param sha256 the content's SHA-256
   * @param tenantId the scope: a tenant, or {@code null} for the platform catalog
   * @return the ISO, or empty
   */
  Optional<Iso> findBySha256InScope(String sha256, Long tenantId);

  /**
   * Bytes of personal ISOs a tenant stores.
   *
   * @param tenantId the tenant
   * @return the total size
   */
  long personalBytes(long tenantId);

  /**
   * Stores a new ISO.
   *
   * @param iso the ISO
   * @return the stored ISO, with its id
   */
  Iso store(Iso iso);

  /**
   * Removes an ISO's row.
   *
   * @param iso the ISO
   */
  void remove(Iso iso);
}

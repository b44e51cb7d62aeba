package org.vmportal.application;

import java.time.Instant;
import java.util.List;

/**
 * The ISO catalog: what each person may see and delete. Uploads go through {@link UploadService}.
 */
public interface IsoCatalogService {

  /**
   * The ISOs the actor may see: every ISO for a platform admin; the platform catalog plus their own
   * tenant's personal ISOs for anyone else.
   *
   * @param actor who asks
   * @return the ISOs, newest first
   */
  List<IsoListing> list(Actor actor);

  /**
   * Deletes an ISO and its file.
   *
   * @param actor who asks: a platform admin, or for a personal ISO its uploader or their tenant
   *     admin
   * @param isoId the ISO
   * @throws PortalException {@link PortalException.Kind#NOT_FOUND} when it does not exist or is not
   *     the actor's to see; {@link PortalException.Kind#CONFLICT} while a base image is being built
   *     from it
   */
  void delete(Actor actor, long isoId);

  /**
   * One ISO as a list shows it.
   *
   * @param id the ISO's id
   * @param name its display name
   * @param sizeBytes its size
   * @param sha256 its hash
   * @param uploadedAt when it was stored
   * @param uploader the uploader's username, or {@code system} when seeded
   * @param personal whether it is a tenant's own upload
   */
  record IsoListing(
      long id,
      String name,
      long sizeBytes,
      String sha256,
      Instant uploadedAt,
      String uploader,
      boolean personal) {}
}

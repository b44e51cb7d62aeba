package org.vmportal.application;

import java.time.Instant;
import java.util.List;

/**
 * Base images: built from an ISO by an installer VM, or imported (see {@link UploadService}), then
 * sealed read-only. Platform admins only.
 */
public interface BaseImageService {

  /**
   * Every base image with its storage use and what hangs off it.
   *
   * @param actor a platform admin
   * @return the images, by name
   * @throws PortalException {@link PortalException.Kind#FORBIDDEN} for anyone else
   */
  List<BaseImageListing> list(Actor actor);

  /**
   * One base image, for platform admins.
   *
   * @param actor who asks
   * @param baseImageId the image
   * @return the image with its storage use and what hangs off it
   * @throws PortalException FORBIDDEN for anyone else, NOT_FOUND when there is no such image
   */
  BaseImageListing get(Actor actor, long baseImageId);

  /**
   * Starts building a base image from an ISO: a blank qcow2 of the chosen size, and an installer VM
   * that boots the ISO with that disk attached, for the admin to install onto.
   *
   * @param actor a platform admin
   * @param request the ISO, the names and the disk size
   * @return the new image's id, in state BUILDING
   * @throws PortalException when refused, or the VM cannot start (nothing is left behind)
   */
  long createFromIso(Actor actor, BuildRequest request);

  /**
   * Seals a base image: its installer VM (if any) goes away and its disk becomes read-only.
   *
   * @param actor a platform admin
   * @param baseImageId the image
   * @throws PortalException when it does not exist or is already sealed
   */
  void seal(Actor actor, long baseImageId);

  /**
   * Deletes a base image, its installer VM and its disk.
   *
   * @param actor a platform admin
   * @param baseImageId the image
   * @throws PortalException {@link PortalException.Kind#CONFLICT} while any VM, snapshot or
   *     template uses it; the message says how many
   */
  void delete(Actor actor, long baseImageId);

  /**
   * Storage use per pool.
   *
   * @param actor a platform admin
   * @return one line per pool
   */
  List<PoolUsage> storage(Actor actor);

  /**
   * What an admin asks for when building a base image from an ISO.
   *
   * @param isoId the ISO to boot the installer from
   * @param name the new base image's catalog name
   * @param osName the OS people will see
   * @param osVersion its version
   * @param diskGib the disk size in GiB
   */
  record BuildRequest(long isoId, String name, String osName, String osVersion, int diskGib) {}

  /**
   * One base image as the admin list shows it.
   *
   * @param id its id
   * @param name its catalog name
   * @param osName the OS
   * @param osVersion its version
   * @param state BUILDING or SEALED
   * @param source INSTALLER or IMPORTED
   * @param virtualSizeBytes the disk a guest sees
   * @param allocationBytes what it takes on the host's disk
   * @param vms VMs with an overlay on it
   * @param snapshots snapshots of those VMs
   * @param templates templates using it
   * @param installerDomain the installer VM while building, or {@code null}
   * @param createdAt when it was created
   */
  record BaseImageListing(
      long id,
      String name,
      String osName,
      String osVersion,
      String state,
      String source,
      long virtualSizeBytes,
      long allocationBytes,
      long vms,
      long snapshots,
      long templates,
      String installerDomain,
      Instant createdAt) {}

  /**
   * How much one storage pool holds.
   *
   * @param pool the pool's name
   * @param directory where it lives
   * @param volumes how many volumes
   * @param allocationBytes bytes they take on disk
   * @param freeBytes bytes free on its file system
   */
  record PoolUsage(
      String pool, String directory, int volumes, long allocationBytes, long freeBytes) {}
}

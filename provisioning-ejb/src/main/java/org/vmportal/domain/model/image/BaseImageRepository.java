package org.vmportal.domain.model.image;

import java.util.List;
import java.util.Optional;

/** Base images, and what depends on them. */
public interface BaseImageRepository {

  /**
   * One base image.
   *
   * @param id its id
   * @return the image, or empty
   */
  Optional<BaseImage> find(long id);

  /**
   * One base image, its row locked until the transaction ends: a spare of it being made meanwhile
   * waits, then finds it gone.
   *
   * @param id its id
   * @return the image, or empty
   */
  Optional<BaseImage> lock(long id);

  /**
   * The base image with a catalog name.
   *
   * @param name the name
   * @return the image, or empty
   */
  Optional<BaseImage> findByName(String name);

  /** Every base image, by name. */
  List<BaseImage> findAll();

  /**
   * Base images being built from an ISO (which may therefore not be deleted).
   *
   * @param isoId the ISO
   * @return the images still building from it
   */
  List<BaseImage> findBuildingFromIso(long isoId);

  /**
   * What hangs off a base image.
   *
   * @param baseImageId the image
   * @return the counts of VMs, snapshots and templates that use it
   */
  Usage usage(long baseImageId);

  /**
   * Stores a new or changed base image.
   *
   * @param image the image
   * @return the stored image
   */
  BaseImage store(BaseImage image);

  /**
   * Removes a base image's row.
   *
   * @param image the image
   */
  void remove(BaseImage image);

  /**
   * How many things use a base image.
   *
   * @param vms VMs with an overlay on it
   * @param snapshots snapshots of those VMs
   * @param templates templates that create VMs from it
   */
  record Usage(long vms, long snapshots, long templates) {

    /** Whether anything at all uses the image. */
    public boolean inUse() {
      return vms + snapshots + templates > 0;
    }
  }
}

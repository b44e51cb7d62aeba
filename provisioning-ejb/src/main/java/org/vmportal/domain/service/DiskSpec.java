package org.vmportal.domain.service;

/**
 * A disk image file as a guest sees it: where it lives on the hypervisor host, how its bytes are
 * laid out and, for an overlay, the read-only image underneath.
 *
 * @param path the image's absolute path on the hypervisor host
 * @param format {@code qcow2} or {@code raw} (an ISO is {@code raw})
 * @param backing the image this one is an overlay on, or {@code null}; it is opened read-only and
 *     never relabelled for the guest, and nothing below it is followed
 */
public record DiskSpec(String path, String format, DiskSpec backing) {

  /** Validates the path and the format. */
  public DiskSpec {
    if (path == null || !path.startsWith("/") || path.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("Disk path must be absolute and printable: " + path);
    }
    if (!"qcow2".equals(format) && !"raw".equals(format)) {
      throw new IllegalArgumentException("Disk format must be qcow2 or raw, not " + format);
    }
    if (backing != null && (!"qcow2".equals(format) || backing.backing() != null)) {
      throw new IllegalArgumentException(
          "Only a qcow2 disk can have a backing image, one level deep");
    }
  }

  /**
   * A disk without a backing image.
   *
   * @param path the image's absolute path on the hypervisor host
   * @param format {@code qcow2} or {@code raw}
   */
  public DiskSpec(String path, String format) {
    this(path, format, null);
  }

  /**
   * The disk for a standalone volume from the storage layer; an {@code iso} volume is read as
   * {@code raw}.
   *
   * @param volume the volume
   * @return its disk
   * @throws IllegalArgumentException when the volume has a backing file: use {@link
   *     #overlay(VolumeInfo, VolumeInfo)}, so that the base is named and protected
   */
  public static DiskSpec of(VolumeInfo volume) {
    if (volume.backingPath() != null) {
      throw new IllegalArgumentException(
          volume.path() + " is an overlay on " + volume.backingPath() + ": use DiskSpec.overlay");
    }
    return new DiskSpec(volume.path(), "iso".equals(volume.format()) ? "raw" : volume.format());
  }

  /**
   * The disk for a qcow2 overlay on a base image.
   *
   * @param overlay the overlay volume
   * @param base the volume it was created on
   * @return its disk, with the base as its read-only backing image
   * @throws IllegalArgumentException when {@code overlay} is not backed by {@code base}
   */
  public static DiskSpec overlay(VolumeInfo overlay, VolumeInfo base) {
    if (!base.path().equals(overlay.backingPath())) {
      throw new IllegalArgumentException(
          overlay.path() + " is backed by " + overlay.backingPath() + ", not " + base.path());
    }
    return new DiskSpec(overlay.path(), overlay.format(), of(base));
  }
}

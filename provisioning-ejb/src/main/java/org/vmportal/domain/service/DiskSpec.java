package org.vmportal.domain.service;

/**
 * A disk image file as a guest sees it: where it lives on the hypervisor host and how its bytes are
 * laid out.
 *
 * @param path the image's absolute path on the hypervisor host
 * @param format {@code qcow2} or {@code raw} (an ISO is {@code raw})
 */
public record DiskSpec(String path, String format) {

  /** Validates the path and the format. */
  public DiskSpec {
    if (path == null || !path.startsWith("/") || path.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("Disk path must be absolute and printable: " + path);
    }
    if (!"qcow2".equals(format) && !"raw".equals(format)) {
      throw new IllegalArgumentException("Disk format must be qcow2 or raw, not " + format);
    }
  }

  /**
   * The disk for a volume from the storage layer; an {@code iso} volume is read as {@code raw}.
   *
   * @param volume the volume
   * @return its disk
   */
  public static DiskSpec of(VolumeInfo volume) {
    return new DiskSpec(volume.path(), "iso".equals(volume.format()) ? "raw" : volume.format());
  }
}

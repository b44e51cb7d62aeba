package org.vmportal.domain.service;

/** The portal's storage pools, one directory each. */
public enum StoragePool {
  /** Uploaded ISO images, read-only once stored. */
  ISOS("isos"),
  /** Base images: qcow2 volumes that overlays hang off, read-only once sealed. */
  BASE_IMAGES("base-images"),
  /** Per-VM qcow2 overlays. */
  OVERLAYS("overlays");

  private final String directoryName;

  StoragePool(String directoryName) {
    this.directoryName = directoryName;
  }

  /** The pool's directory under the storage root, and the suffix of its libvirt pool name. */
  public String directoryName() {
    return directoryName;
  }
}

package org.vmportal.domain.model.image;

/** Where a base image is in its life. */
public enum BaseImageState {
  /** Writable: an installer VM may be running on it, or an imported disk awaits sealing. */
  BUILDING,
  /** Read-only on disk and in the catalog: guests' VMs may hang overlays off it. */
  SEALED
}

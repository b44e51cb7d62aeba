package org.vmportal.domain.model.image;

/** How a base image's disk came to be. */
public enum BaseImageSource {
  /** A blank disk that an installer VM booted from an ISO writes to. */
  INSTALLER,
  /** An uploaded qcow2, checked and taken as it is. */
  IMPORTED
}

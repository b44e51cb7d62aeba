package org.vmportal.application;

/** What an upload becomes once complete. */
public enum UploadKind {
  /** An ISO image for the ISO catalog (or a member's personal ISO). */
  ISO,
  /** A standalone qcow2 disk imported as a base image (platform admins only). */
  QCOW2
}

package org.vmportal.application.internal;

import java.nio.ByteBuffer;

/** Builds qcow2 headers for the upload tests. */
final class DiskImageFormatsTestAccess {

  private DiskImageFormatsTestAccess() {}

  static byte[] qcow2Header(int version, long backingOffset, long virtualSize) {
    return ByteBuffer.allocate(32)
        .putInt(0x514649fb)
        .putInt(version)
        .putLong(backingOffset)
        .putInt(0)
        .putInt(16)
        .putLong(virtualSize)
        .array();
  }
}

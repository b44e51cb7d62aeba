package org.vmportal.domain.model.image;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Recognises the disk image formats the catalog accepts from the first bytes of a file. */
public final class DiskImageFormats {

  /** Offset of the first volume descriptor's "CD001" identifier in an ISO 9660 image. */
  public static final int ISO9660_MAGIC_OFFSET = 0x8001;

  /** Bytes an ISO must have at least for its magic to be checked. */
  public static final int ISO9660_MIN_BYTES = ISO9660_MAGIC_OFFSET + 5;

  /** Bytes of a qcow2 header that {@link #qcow2Header} reads. */
  public static final int QCOW2_HEADER_BYTES = 32;

  private static final byte[] ISO9660_MAGIC = "CD001".getBytes(StandardCharsets.US_ASCII);
  private static final int QCOW2_MAGIC = 0x514649fb; // "QFI\xfb"

  private DiskImageFormats() {}

  /**
   * Whether five bytes read at {@link #ISO9660_MAGIC_OFFSET} are ISO 9660's identifier.
   *
   * @param bytes the bytes at that offset
   * @return true for "CD001"
   */
  public static boolean isIso9660Magic(byte[] bytes) {
    return Arrays.equals(bytes, ISO9660_MAGIC);
  }

  /**
   * Reads a qcow2 header.
   *
   * @param header the file's first {@link #QCOW2_HEADER_BYTES} bytes
   * @return the header's facts
   * @throws IllegalArgumentException with a message for people when it is not qcow2
   */
  public static Qcow2Header qcow2Header(byte[] header) {
    if (header.length < QCOW2_HEADER_BYTES) {
      throw new IllegalArgumentException("The file is too small to be a qcow2 image.");
    }
    ByteBuffer buffer = ByteBuffer.wrap(header); // qcow2 is big-endian
    if (buffer.getInt(0) != QCOW2_MAGIC) {
      throw new IllegalArgumentException("The file is not a qcow2 image.");
    }
    int version = buffer.getInt(4);
    if (version != 2 && version != 3) {
      throw new IllegalArgumentException("Unsupported qcow2 version " + version + ".");
    }
    return new Qcow2Header(version, buffer.getLong(8) != 0, buffer.getLong(24));
  }

  /**
   * What a qcow2 header says.
   *
   * @param version 2 or 3
   * @param hasBackingFile whether it names a backing file (an overlay, not a standalone image)
   * @param virtualSizeBytes the disk size a guest sees
   */
  public record Qcow2Header(int version, boolean hasBackingFile, long virtualSizeBytes) {}
}

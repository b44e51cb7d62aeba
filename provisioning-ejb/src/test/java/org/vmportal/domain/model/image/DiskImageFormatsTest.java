package org.vmportal.domain.model.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Format recognition; its qcow2 header builder also serves the upload tests. */
public class DiskImageFormatsTest {

  /** A qcow2 header: version, backing-file offset (0 = standalone) and virtual size. */
  public static byte[] qcow2Header(int version, long backingOffset, long virtualSize) {
    return ByteBuffer.allocate(DiskImageFormats.QCOW2_HEADER_BYTES)
        .putInt(0x514649fb)
        .putInt(version)
        .putLong(backingOffset)
        .putInt(0)
        .putInt(16)
        .putLong(virtualSize)
        .array();
  }

  @Test
  void isoMagicIsCd001() {
    assertThat(DiskImageFormats.isIso9660Magic("CD001".getBytes(StandardCharsets.US_ASCII)))
        .isTrue();
    assertThat(DiskImageFormats.isIso9660Magic("CD002".getBytes(StandardCharsets.US_ASCII)))
        .isFalse();
    assertThat(DiskImageFormats.isIso9660Magic(new byte[5])).isFalse();
  }

  @Test
  void standaloneQcow2HeaderIsRead() {
    DiskImageFormats.Qcow2Header header =
        DiskImageFormats.qcow2Header(qcow2Header(3, 0, 32L << 20));
    assertThat(header.version()).isEqualTo(3);
    assertThat(header.hasBackingFile()).isFalse();
    assertThat(header.virtualSizeBytes()).isEqualTo(32L << 20);
  }

  @Test
  void overlayIsRecognisedByItsBackingFileOffset() {
    assertThat(DiskImageFormats.qcow2Header(qcow2Header(3, 0x200, 1 << 20)).hasBackingFile())
        .isTrue();
  }

  @Test
  void notQcow2IsRefusedInWords() {
    byte[] iso = new byte[DiskImageFormats.QCOW2_HEADER_BYTES];
    assertThatThrownBy(() -> DiskImageFormats.qcow2Header(iso))
        .hasMessage("The file is not a qcow2 image.");
    assertThatThrownBy(() -> DiskImageFormats.qcow2Header(new byte[4]))
        .hasMessage("The file is too small to be a qcow2 image.");
    assertThatThrownBy(() -> DiskImageFormats.qcow2Header(qcow2Header(9, 0, 1)))
        .hasMessage("Unsupported qcow2 version 9.");
  }
}

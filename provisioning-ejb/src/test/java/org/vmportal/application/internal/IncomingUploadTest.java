package org.vmportal.application.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmportal.application.Actor;
import org.vmportal.application.PortalException;
import org.vmportal.application.PortalException.Kind;
import org.vmportal.application.UploadKind;
import org.vmportal.application.UploadRequest;
import org.vmportal.domain.model.image.DiskImageFormatsTest;

/** The upload file writer against a real file system. */
class IncomingUploadTest {

  @TempDir Path dir;

  static byte[] isoBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(7).nextBytes(bytes);
    System.arraycopy("CD001".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0x8001, 5);
    return bytes;
  }

  IncomingUpload upload(UploadKind kind, long size) throws IOException {
    Path file = Files.createFile(dir.resolve("u.part"));
    return new IncomingUpload(
        "u", Actor.system(), new UploadRequest(kind, "x", size, "n", "o", "v"), "x", file);
  }

  @Test
  void chunksAddUpToTheFileAndItsHash() throws Exception {
    byte[] iso = isoBytes(100_000);
    IncomingUpload upload = upload(UploadKind.ISO, iso.length);
    upload.append(0, new ByteArrayInputStream(iso, 0, 40_000), 40_000);
    assertThat(upload.isComplete()).isFalse();
    upload.append(40_000, new ByteArrayInputStream(iso, 40_000, 60_000), 60_000);

    assertThat(upload.isComplete()).isTrue();
    assertThat(Files.readAllBytes(upload.file())).isEqualTo(iso);
    assertThat(upload.sha256())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(iso)));
  }

  @Test
  void aChunkAtTheWrongOffsetIsRefusedAndTheUploadStaysResumable() throws Exception {
    byte[] iso = isoBytes(50_000);
    IncomingUpload upload = upload(UploadKind.ISO, iso.length);
    upload.append(0, new ByteArrayInputStream(iso, 0, 10_000), 10_000);

    assertThatThrownBy(() -> upload.append(20_000, new ByteArrayInputStream(iso), 10_000))
        .isInstanceOf(PortalException.class)
        .hasMessageContaining("resume from there")
        .extracting(e -> ((PortalException) e).getKind())
        .isEqualTo(Kind.CONFLICT);
    upload.append(10_000, new ByteArrayInputStream(iso, 10_000, 40_000), 40_000);
    assertThat(upload.isComplete()).isTrue();
  }

  @Test
  void aChunkCutShortKeepsWhatArrived() throws Exception {
    byte[] iso = isoBytes(50_000);
    IncomingUpload upload = upload(UploadKind.ISO, iso.length);
    assertThatThrownBy(() -> upload.append(0, new ByteArrayInputStream(iso, 0, 30_000), 50_000))
        .isInstanceOf(PortalException.class)
        .hasMessageContaining("resume from byte 30000");
    assertThat(upload.status(null).receivedBytes()).isEqualTo(30_000);
    upload.append(30_000, new ByteArrayInputStream(iso, 30_000, 20_000), 20_000);
    assertThat(Files.readAllBytes(upload.file())).isEqualTo(iso);
  }

  @Test
  void bytesBeyondTheAnnouncedSizeAreRefused() throws Exception {
    IncomingUpload upload = upload(UploadKind.ISO, 40_000);
    assertThatThrownBy(() -> upload.append(0, new ByteArrayInputStream(new byte[50_000]), 50_000))
        .hasMessage("The chunk runs past the announced size of the file.");
    assertThat(Files.size(upload.file())).isZero();
  }

  @Test
  void nonIsoContentIsRefusedAsSoonAsTheMagicArrives() throws Exception {
    IncomingUpload upload = upload(UploadKind.ISO, 10_000_000);
    byte[] notIso = new byte[64 * 1024];
    assertThatThrownBy(() -> upload.append(0, new ByteArrayInputStream(notIso), notIso.length))
        .isInstanceOf(PortalException.class)
        .hasMessageContaining("not an ISO 9660 image")
        .extracting(e -> ((PortalException) e).getKind())
        .isEqualTo(Kind.UNSUPPORTED);
  }

  @Test
  void qcow2WithABackingFileIsRefused() throws Exception {
    byte[] overlay = new byte[4096];
    System.arraycopy(DiskImageFormatsTest.qcow2Header(3, 0x200, 1 << 20), 0, overlay, 0, 32);
    IncomingUpload upload = upload(UploadKind.QCOW2, overlay.length);
    assertThatThrownBy(() -> upload.append(0, new ByteArrayInputStream(overlay), overlay.length))
        .hasMessageContaining("has a backing file");
  }

  @Test
  void aFullDiskIsReportedAsStorageFull() throws Exception {
    Path small = dir.resolve("small");
    Files.createDirectories(small);
    Process mount =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", small.toString())
            .inheritIO()
            .start();
    assertThat(mount.waitFor()).as("mount a 1 MiB tmpfs (the tests run as root)").isZero();
    try {
      Path file = Files.createFile(small.resolve("u.part"));
      byte[] iso = isoBytes(4 << 20);
      IncomingUpload upload =
          new IncomingUpload(
              "u", Actor.system(), UploadRequest.iso("x.iso", iso.length), "x.iso", file);
      InputStream data = new ByteArrayInputStream(iso);
      assertThatThrownBy(() -> upload.append(0, data, iso.length))
          .isInstanceOf(PortalException.class)
          .extracting(e -> ((PortalException) e).getKind())
          .isEqualTo(Kind.STORAGE_FULL);
      upload.discard();
      assertThat(Files.exists(file)).isFalse();
    } finally {
      new ProcessBuilder("umount", small.toString()).inheritIO().start().waitFor();
    }
  }
}

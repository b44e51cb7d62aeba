package org.vmportal.application.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.vmportal.application.Actor;
import org.vmportal.application.PortalException;
import org.vmportal.application.PortalException.Kind;
import org.vmportal.application.UploadRequest;
import org.vmportal.application.UploadStatus;
import org.vmportal.domain.model.image.DiskImageFormats;

/**
 * One upload in progress: a file in the incoming folder that grows chunk by chunk, with a running
 * SHA-256 so the finished file is never read twice. The format is checked as soon as the bytes that
 * tell have arrived, so a wrong file is refused early. Chunks of one upload are serialised;
 * separate uploads proceed in parallel.
 */
final class IncomingUpload {

  private static final int BUFFER_BYTES = 1 << 16;

  private final String id;
  private final Actor owner;
  private final UploadRequest request;
  private final String name;
  private final Path file;
  private final MessageDigest digest;
  private long received;
  private boolean formatChecked;
  private Instant lastActivity;

  IncomingUpload(String id, Actor owner, UploadRequest request, String name, Path file) {
    this.id = id;
    this.owner = owner;
    this.request = request;
    this.name = name;
    this.file = file;
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
    this.lastActivity = Instant.now();
  }

  /**
   * Appends a chunk at {@code offset}.
   *
   * @throws PortalException {@link Kind#CONFLICT} when the chunk does not start where the upload
   *     stands or was cut short (the upload stays resumable); {@link Kind#INVALID} when it runs
   *     past the announced size; {@link Kind#UNSUPPORTED} when the format is wrong; {@link
   *     Kind#STORAGE_FULL} or {@link Kind#FAILED} when the disk write fails
   */
  synchronized UploadStatus append(long offset, InputStream data, long length) {
    if (offset != received) {
      throw new PortalException(
          Kind.CONFLICT,
          "This chunk starts at byte "
              + offset
              + " but the upload has "
              + received
              + " bytes; resume from there.");
    }
    if (length < 0 || offset + length > request.sizeBytes()) {
      throw new PortalException(
          Kind.INVALID, "The chunk runs past the announced size of the file.");
    }
    lastActivity = Instant.now();
    byte[] buffer = new byte[BUFFER_BYTES];
    long remaining = length;
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      channel.position(received);
      while (remaining > 0) {
        int n = readChunk(data, buffer, (int) Math.min(buffer.length, remaining));
        if (n < 0) {
          break;
        }
        ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        digest.update(buffer, 0, n);
        received += n;
        remaining -= n;
        checkFormatOnceKnown(channel);
      }
      if (received == request.sizeBytes()) {
        channel.force(true);
      }
    } catch (IOException e) {
      throw writeFailure(e);
    }
    lastActivity = Instant.now();
    if (remaining > 0) {
      throw new PortalException(
          Kind.CONFLICT,
          "The chunk was cut short after "
              + (length - remaining)
              + " bytes; resume from byte "
              + received
              + ".");
    }
    return status(null);
  }

  private static int readChunk(InputStream data, byte[] buffer, int max) {
    try {
      return data.read(buffer, 0, max);
    } catch (IOException e) {
      return -1; // the client went away: what arrived is kept, the upload can resume
    }
  }

  private void checkFormatOnceKnown(FileChannel channel) throws IOException {
    if (formatChecked) {
      return;
    }
    switch (request.kind()) {
      case ISO -> {
        if (received < DiskImageFormats.ISO9660_MIN_BYTES) {
          return;
        }
        ByteBuffer magic = ByteBuffer.allocate(5);
        channel.read(magic, DiskImageFormats.ISO9660_MAGIC_OFFSET);
        if (!DiskImageFormats.isIso9660Magic(magic.array())) {
          throw new PortalException(
              Kind.UNSUPPORTED,
              "This file is not an ISO 9660 image (no CD001 signature at byte 32769).");
        }
      }
      case QCOW2 -> {
        if (received < DiskImageFormats.QCOW2_HEADER_BYTES) {
          return;
        }
        ByteBuffer header = ByteBuffer.allocate(DiskImageFormats.QCOW2_HEADER_BYTES);
        channel.read(header, 0);
        DiskImageFormats.Qcow2Header qcow2;
        try {
          qcow2 = DiskImageFormats.qcow2Header(header.array());
        } catch (IllegalArgumentException e) {
          throw new PortalException(Kind.UNSUPPORTED, e.getMessage());
        }
        if (qcow2.hasBackingFile()) {
          throw new PortalException(
              Kind.UNSUPPORTED,
              "This qcow2 image has a backing file. Import a standalone image"
                  + " (qemu-img convert -O qcow2 flattens one).");
        }
      }
    }
    formatChecked = true;
  }

  private static PortalException writeFailure(IOException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("No space left on device") || message.contains("Disk quota exceeded")) {
      return new PortalException(
          Kind.STORAGE_FULL, "The storage ran out of space; the upload was discarded.", e);
    }
    return new PortalException(Kind.FAILED, "The upload could not be written to disk.", e);
  }

  /** The virtual size from the qcow2 header; only for a complete QCOW2 upload. */
  long qcow2VirtualSize() throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer header = ByteBuffer.allocate(DiskImageFormats.QCOW2_HEADER_BYTES);
      channel.read(header, 0);
      return DiskImageFormats.qcow2Header(header.array()).virtualSizeBytes();
    }
  }

  synchronized UploadStatus status(Long resultId) {
    return new UploadStatus(id, request.kind(), name, request.sizeBytes(), received, resultId);
  }

  synchronized boolean isComplete() {
    return received == request.sizeBytes();
  }

  /** The finished file's SHA-256 in lower-case hex; only once complete. */
  synchronized String sha256() {
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Deletes what arrived. */
  void discard() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // the abandoned-upload sweep deletes stray incoming files later
    }
  }

  String id() {
    return id;
  }

  Actor owner() {
    return owner;
  }

  UploadRequest request() {
    return request;
  }

  String name() {
    return name;
  }

  Path file() {
    return file;
  }

  synchronized Instant lastActivity() {
    return lastActivity;
  }
}

package org.vmportal.application;

/**
 * Where an upload stands.
 *
 * @param uploadId the id to send the next chunk to
 * @param kind what it becomes
 * @param name the sanitized file name
 * @param sizeBytes the whole file's size
 * @param receivedBytes bytes stored so far; the next chunk must start here
 * @param resultId once complete, the id of the new ISO or base image; {@code null} before
 */
public record UploadStatus(
    String uploadId,
    UploadKind kind,
    String name,
    long sizeBytes,
    long receivedBytes,
    Long resultId) {

  /** Whether the whole file arrived and was stored. */
  public boolean isComplete() {
    return resultId != null;
  }
}

package org.vmportal.application;

/**
 * The start of a resumable upload.
 *
 * @param kind what the file is meant to become
 * @param fileName the name the browser gave the file
 * @param sizeBytes the whole file's size, announced up front
 * @param baseImageName for {@link UploadKind#QCOW2}: the new base image's catalog name
 * @param osName for {@link UploadKind#QCOW2}: the OS people see
 * @param osVersion for {@link UploadKind#QCOW2}: its version
 */
public record UploadRequest(
    UploadKind kind,
    String fileName,
    long sizeBytes,
    String baseImageName,
    String osName,
    String osVersion) {

  /**
   * An ISO upload.
   *
   * @param fileName the file's name
   * @param sizeBytes its size
   * @return the request
   */
  public static UploadRequest iso(String fileName, long sizeBytes) {
    return new UploadRequest(UploadKind.ISO, fileName, sizeBytes, null, null, null);
  }
}

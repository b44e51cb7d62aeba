package org.vmportal.application;

import java.io.InputStream;

/**
 * Resumable, chunked uploads of ISOs and qcow2 disks into the storage pools. A file is streamed to
 * the incoming folder, chunk by chunk, never held in memory; its format is checked as soon as the
 * bytes that tell arrive; once complete it is hashed, checked for duplicates and moved into its
 * pool in one step. A failed or cancelled upload leaves nothing behind.
 */
public interface UploadService {

  /**
   * Starts an upload after checking the caller's rights, the name, the size limit, the quota and
   * the free space.
   *
   * @param actor who uploads
   * @param request what and how big
   * @return the new upload, at 0 bytes
   * @throws PortalException when refused
   */
  UploadStatus begin(Actor actor, UploadRequest request);

  /**
   * Appends one chunk. The last chunk completes the upload.
   *
   * @param actor who uploads; only the upload's owner may continue it
   * @param uploadId the upload
   * @param offset where this chunk starts; must equal the bytes received so far
   * @param data the chunk's bytes
   * @param length the chunk's length
   * @return the new status; complete after the last chunk
   * @throws PortalException when the chunk is refused, or the file turns out to be invalid (the
   *     upload is then discarded)
   */
  UploadStatus append(Actor actor, String uploadId, long offset, InputStream data, long length);

  /**
   * Where an unfinished upload stands, to resume it.
   *
   * @param actor its owner
   * @param uploadId the upload
   * @return the status
   * @throws PortalException when there is no such upload of the caller's
   */
  UploadStatus status(Actor actor, String uploadId);

  /**
   * Cancels an upload and deletes what arrived.
   *
   * @param actor its owner
   * @param uploadId the upload
   * @throws PortalException when there is no such upload of the caller's
   */
  void cancel(Actor actor, String uploadId);

  /**
   * Discards uploads idle for longer than the configured time, and stray files in the incoming
   * folder. Run by a timer.
   *
   * @return how many uploads and files were discarded
   */
  int discardAbandoned();
}

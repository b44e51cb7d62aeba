package org.vmportal.domain.service;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Disk volumes in the portal's storage pools, managed through the hypervisor's storage API (libvirt
 * directory pools). Files that the portal streams into a pool directory itself (uploads) become
 * volumes after {@link #refresh}.
 */
public interface VolumeStore {

  /**
   * The pool's directory. Uploads stream into it (through {@link #incomingDirectory()} first).
   *
   * @param pool the pool
   * @return its absolute directory
   */
  Path directory(StoragePool pool);

  /**
   * A directory on the same file system as the pools, outside every pool, for files being received:
   * a finished file is moved into its pool atomically, a failed one deleted.
   *
   * @return the absolute directory
   */
  Path incomingDirectory();

  /**
   * The directory for the guests' serial console logs, outside every pool.
   *
   * @return the absolute directory
   */
  Path logDirectory();

  /**
   * The directory for the small media that hand a guest taken from a spare its host name, outside
   * every pool.
   *
   * @return the absolute directory
   */
  Path hostnameMediaDirectory();

  /**
   * Makes libvirt rescan the pool after files were moved into its directory.
   *
   * @param pool the pool
   * @throws StorageException when libvirt fails
   */
  void refresh(StoragePool pool);

  /**
   * One volume.
   *
   * @param pool the pool
   * @param name the volume name (file name)
   * @return the volume, or empty when the pool has no such volume
   * @throws StorageException when libvirt fails
   */
  Optional<VolumeInfo> find(StoragePool pool, String name);

  /**
   * Every volume in the pool.
   *
   * @param pool the pool
   * @return the volumes
   * @throws StorageException when libvirt fails
   */
  List<VolumeInfo> list(StoragePool pool);

  /**
   * Creates an empty qcow2 volume.
   *
   * @param pool the pool
   * @param name the new volume's name, ending in {@code .qcow2}
   * @param capacityBytes its virtual size
   * @return the new volume
   * @throws StorageException when libvirt fails or the name is taken
   */
  VolumeInfo createBlankQcow2(StoragePool pool, String name, long capacityBytes);

  /**
   * Creates a qcow2 overlay whose backing store is another volume; nothing is copied.
   *
   * @param pool the pool of the new overlay
   * @param name the overlay's name, ending in {@code .qcow2}
   * @param backing the volume to hang it off
   * @return the new overlay
   * @throws StorageException when libvirt fails or the name is taken
   */
  VolumeInfo createOverlay(StoragePool pool, String name, VolumeInfo backing);

  /**
   * Creates an overlay on {@code backing} that holds what a snapshot of another overlay holds: the
   * new disk starts where the snapshot was, and only the snapshot's differences from the backing
   * volume are written.
   *
   * @param pool where the new overlay goes
   * @param name the new overlay's name
   * @param source the overlay with the internal snapshot
   * @param snapshotName the snapshot's name
   * @param backing the base image both overlays hang off
   * @return the new overlay
   */
  VolumeInfo createOverlayFromSnapshot(
      StoragePool pool, String name, VolumeInfo source, String snapshotName, VolumeInfo backing);

  /**
   * Deletes a volume; deleting one that does not exist is not an error.
   *
   * @param pool the pool
   * @param name the volume's name
   * @throws StorageException when libvirt fails
   */
  void delete(StoragePool pool, String name);

  /**
   * Marks a volume's file read-only on disk (a sealed base image, a stored ISO).
   *
   * @param pool the pool
   * @param name the volume's name
   * @throws StorageException when the file cannot be changed
   */
  void makeReadOnly(StoragePool pool, String name);

  /**
   * Bytes free on the file system that holds the pool.
   *
   * @param pool the pool
   * @return free bytes
   */
  long freeBytes(StoragePool pool);
}

package org.vmportal.domain.service;

/**
 * What the hypervisor's storage layer knows about one volume.
 *
 * @param pool the pool it lives in
 * @param name the volume's file name within the pool
 * @param path its absolute path
 * @param format {@code qcow2}, {@code raw}, {@code iso} and so on, as libvirt detects it
 * @param capacityBytes the virtual size a guest sees
 * @param allocationBytes the space it uses on the host's disk
 * @param backingPath the backing file's path, or {@code null} when it has none
 */
public record VolumeInfo(
    StoragePool pool,
    String name,
    String path,
    String format,
    long capacityBytes,
    long allocationBytes,
    String backingPath) {}

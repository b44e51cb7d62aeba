package org.vmportal.infrastructure.libvirt;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.vmportal.domain.service.StoragePool;

/**
 * Where the portal's storage lives on the hypervisor host: one directory per pool, by default
 * {@code <root>/<pool directory name>}, {@code <root>/incoming} for files being received, {@code
 * <root>/logs} for the guests' serial console logs and {@code <root>/hostnames} for host-name
 * media. Each pool is a libvirt {@code dir} pool named {@code <prefix><pool directory name>}.
 *
 * @param root the storage root
 * @param poolPaths directories that replace a pool's default one
 * @param poolNamePrefix the prefix of the libvirt pool names, {@value #DEFAULT_POOL_PREFIX} in
 *     production
 */
public record StorageLayout(Path root, Map<StoragePool, Path> poolPaths, String poolNamePrefix) {

  /** The prefix of the portal's libvirt pool names. */
  public static final String DEFAULT_POOL_PREFIX = "vmportal-";

  /** Makes every path absolute and normalized, so that it compares equal to libvirt's. */
  public StorageLayout {
    root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    Map<StoragePool, Path> paths = new EnumMap<>(StoragePool.class);
    poolPaths.forEach((pool, path) -> paths.put(pool, path.toAbsolutePath().normalize()));
    poolPaths = Map.copyOf(paths);
    if (poolNamePrefix == null || !poolNamePrefix.matches("[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException("Bad pool name prefix: " + poolNamePrefix);
    }
  }

  /**
   * The pool's directory.
   *
   * @param pool the pool
   * @return its absolute directory
   */
  public Path directory(StoragePool pool) {
    return poolPaths.getOrDefault(pool, root.resolve(pool.directoryName()));
  }

  /**
   * The directory for files being received; not a pool.
   *
   * @return {@code <root>/incoming}
   */
  public Path incoming() {
    return root.resolve("incoming");
  }

  /**
   * The directory for serial console logs; not a pool. libvirt's log daemon writes the files but
   * does not create the directory.
   *
   * @return {@code <root>/logs}
   */
  public Path logs() {
    return root.resolve("logs");
  }

  /**
   * The directory for host-name media (see {@code VmProvisioner}); not a pool.
   *
   * @return {@code <root>/hostnames}
   */
  public Path hostnames() {
    return root.resolve("hostnames");
  }

  /**
   * The libvirt pool's name.
   *
   * @param pool the pool
   * @return for example {@code vmportal-isos}
   */
  public String poolName(StoragePool pool) {
    return poolNamePrefix + pool.directoryName();
  }
}

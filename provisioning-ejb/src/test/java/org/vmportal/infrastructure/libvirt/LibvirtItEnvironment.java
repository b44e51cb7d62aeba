package org.vmportal.infrastructure.libvirt;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.vmportal.domain.service.Accelerator;
import org.vmportal.domain.service.StoragePool;
import org.vmportal.domain.service.VolumeInfo;

/**
 * A throw-away corner of the real {@code qemu:///system} for one integration test class: a storage
 * root under {@code .stack/it-storage/<id>}, pools and domains named {@code vmportal-it-<id>-…}.
 * {@link #close()} removes all of it, whatever state the test left behind.
 */
final class LibvirtItEnvironment implements AutoCloseable {

  static final Path STATE_DIR = Path.of(System.getProperty("it.state.dir", "../.stack"));

  final String id = UUID.randomUUID().toString().substring(0, 8);
  final String prefix = "vmportal-it-" + id + "-";
  final Path root = STATE_DIR.resolve("it-storage").resolve(id).toAbsolutePath().normalize();
  final LibvirtConnection connection = new LibvirtConnection("qemu:///system");
  final StorageLayout layout = new StorageLayout(root, Map.of(), prefix);
  final LibvirtVolumeStore store = new LibvirtVolumeStore(connection, layout);
  final LibvirtHypervisor hypervisor =
      new LibvirtHypervisor(connection, Accelerator.TCG, Path.of("/var/log/libvirt/qemu"));
  private final List<String> domains = new ArrayList<>();

  LibvirtItEnvironment() throws IOException {
    // QEMU runs as libvirt-qemu: every directory above an image must be traversable.
    Path parent = root.getParent();
    Files.createDirectories(parent);
    Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** A domain name of this run, removed again by {@link #close()}. */
  String domainName(String suffix) {
    String name = prefix + suffix;
    domains.add(name);
    return name;
  }

  /** A demo OS image built by {@code demo-os/build.sh}; fails the test when it is missing. */
  static Path demoOsFile(String fileName) {
    Path file = STATE_DIR.resolve("demo-os").resolve(fileName).toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      fail(file + " is missing: run demo-os/build.sh (or ./stack.sh up) first");
    }
    return file;
  }

  /**
   * Sets up this run's pools with the demo OS as a sealed (read-only) base image.
   *
   * @return the base volume
   */
  VolumeInfo poolsWithDemoBase() throws IOException {
    store.ensurePools();
    importIntoPool(demoOsFile("demo-linux.qcow2"), StoragePool.BASE_IMAGES, "demo-linux.qcow2");
    store.makeReadOnly(StoragePool.BASE_IMAGES, "demo-linux.qcow2");
    return store.find(StoragePool.BASE_IMAGES, "demo-linux.qcow2").orElseThrow();
  }

  /** Copies a file into a pool the way uploads arrive: through incoming, then an atomic move. */
  Path importIntoPool(Path source, StoragePool pool, String name) throws IOException {
    Path partial = layout.incoming().resolve(name + ".part");
    Files.copy(source, partial, StandardCopyOption.REPLACE_EXISTING);
    Path target = layout.directory(pool).resolve(name);
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    store.refresh(pool);
    return target;
  }

  /** Waits until the serial log holds {@code text}; fails with the log's tail after the timeout. */
  void awaitLog(Path log, String text, Duration timeout, String domain) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!logContains(log, text)) {
      if (System.nanoTime() > deadline) {
        fail(
            "No '%s' within %d s (domain %s, state %s); serial log tail:%n%s",
            text, timeout.toSeconds(), domain, hypervisor.state(domain), tail(log));
      }
      Thread.sleep(100);
    }
  }

  static boolean logContains(Path log, String text) throws IOException {
    // ash follows the prompt with a cursor query (ESC[6n), so callers match a prompt's prefix only.
    return Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(text);
  }

  static String tail(Path log) throws IOException {
    if (!Files.exists(log)) {
      return "(no log file " + log + ")";
    }
    String text = Files.readString(log, StandardCharsets.ISO_8859_1);
    return text.substring(Math.max(0, text.length() - 2000));
  }

  /** A TCP port on 127.0.0.1 that was free a moment ago. */
  static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  @Override
  public void close() {
    List<Exception> failures = new ArrayList<>();
    for (String domain : domains) {
      try {
        hypervisor.undefine(domain);
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    for (StoragePool pool : StoragePool.values()) {
      try {
        removePool(layout.poolName(pool));
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    try {
      deleteTree(root);
    } catch (IOException e) {
      failures.add(e);
    }
    connection.close();
    if (!failures.isEmpty()) {
      IllegalStateException failure =
          new IllegalStateException("Clean-up of " + prefix + " failed");
      failures.forEach(failure::addSuppressed);
      throw failure;
    }
  }

  void removePool(String name) {
    connection.storage(
        "remove pool " + name,
        c -> {
          try {
            org.libvirt.StoragePool pool = c.storagePoolLookupByName(name);
            if (pool.isActive() == 1) {
              pool.destroy();
            }
            pool.undefine();
          } catch (LibvirtException e) {
            if (!LibvirtConnection.failedWith(e, ErrorNumber.VIR_ERR_NO_STORAGE_POOL)) {
              throw e;
            }
          }
          return null;
        });
  }

  static void deleteTree(Path top) throws IOException {
    if (!Files.exists(top)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(top)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}

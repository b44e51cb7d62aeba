package org.vmportal.infrastructure.libvirt;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.vmportal.domain.service.Accelerator;
import org.vmportal.domain.service.Hypervisor;
import org.vmportal.domain.service.StoragePool;
import org.vmportal.domain.service.VolumeInfo;
import org.vmportal.domain.service.VolumeStore;

/**
 * Wires the libvirt adapter for CDI from MicroProfile Config: one {@link LibvirtConnection} to the
 * local host, shared by the {@link VolumeStore} and the {@link Hypervisor} it produces, and one
 * more connection per other host's URI ({@link #hypervisorFor}). Keys (an environment variable such
 * as {@code PORTAL_STORAGE_ROOT} works too): {@value #URI} (default {@value #DEFAULT_URI}), {@value
 * #STORAGE_ROOT} (default {@value #DEFAULT_STORAGE_ROOT}), {@code portal.storage.<pool>-path} for
 * {@code isos}, {@code base-images} and {@code overlays}, and {@value #ACCELERATOR} ({@code tcg} by
 * default, {@code kvm}, or {@code auto}: TCG until a demo OS guest has come up under KVM once, see
 * {@link KvmProbe}; {@value #KVM_PROBE_SECONDS}, default 45, bounds that boot), {@value
 * #QEMU_LOG_DIR} (default {@value #DEFAULT_QEMU_LOG_DIR}, where libvirt writes each domain's QEMU
 * log; for a {@code qemu:///session} host, that daemon's own directory under {@code
 * $XDG_CACHE_HOME}).
 */
@ApplicationScoped
public class LibvirtConfiguration {

  static final String URI = "portal.libvirt.uri";
  static final String DEFAULT_URI = "qemu:///system";
  static final String STORAGE_ROOT = "portal.storage.root";
  static final String DEFAULT_STORAGE_ROOT = "/var/lib/vmportal";
  static final String POOL_PREFIX = "portal.storage.pool-prefix";
  static final String ACCELERATOR = "portal.libvirt.accelerator";
  static final String QEMU_LOG_DIR = "portal.libvirt.qemu-log-dir";
  static final String KVM_PROBE_SECONDS = "portal.libvirt.kvm-probe-seconds";
  static final String DEFAULT_QEMU_LOG_DIR = "/var/log/libvirt/qemu";
  private static final Pattern EMBEDDED_ROOT = Pattern.compile("qemu:///embed\\?root=([^&]+)");

  @Inject Config config;

  private LibvirtConnection connection;
  private LibvirtVolumeStore volumeStore;
  private LibvirtHypervisor hypervisor;
  private Path qemuLogDirectory;

  /** The other hosts by URI, each over a connection of its own. */
  private final Map<String, OtherHost> otherHosts = new ConcurrentHashMap<>();

  private record OtherHost(LibvirtConnection connection, LibvirtHypervisor hypervisor) {}

  private boolean autoAccelerator;
  private Duration kvmProbeTimeout;

  @PostConstruct
  void open() {
    Function<String, Optional<String>> settings = key -> config.getOptionalValue(key, String.class);
    connection = new LibvirtConnection(settings.apply(URI).orElse(DEFAULT_URI));
    autoAccelerator = isAuto(settings);
    kvmProbeTimeout =
        Duration.ofSeconds(Long.parseLong(settings.apply(KVM_PROBE_SECONDS).orElse("45")));
    volumeStore = new LibvirtVolumeStore(connection, layout(settings));
    qemuLogDirectory = Path.of(settings.apply(QEMU_LOG_DIR).orElse(DEFAULT_QEMU_LOG_DIR));
    hypervisor = new LibvirtHypervisor(connection, accelerator(settings), qemuLogDirectory);
  }

  @PreDestroy
  void close() {
    otherHosts.values().forEach(other -> other.connection().close());
    connection.close();
  }

  /**
   * The volume store; {@code @Inject VolumeStore} resolves to it.
   *
   * @return the application's one store, over the local host's connection
   */
  @Produces
  public LibvirtVolumeStore volumeStore() {
    return volumeStore;
  }

  /**
   * The local host's hypervisor (base image builds, the KVM probe); {@code @Inject Hypervisor}
   * resolves to it. VMs go through {@link LibvirtHosts}.
   *
   * @return the local host's hypervisor
   */
  @Produces
  public Hypervisor hypervisor() {
    return hypervisor;
  }

  /**
   * The local host's URI: the one the storage is managed through.
   *
   * @return {@value #URI}
   */
  public String localUri() {
    return connection.uri();
  }

  /**
   * The hypervisor at a URI: the local one for {@link #localUri()}, otherwise one over a connection
   * of its own, made on first use and kept until the application stops.
   *
   * @param uri a host's libvirt URI
   * @return its hypervisor, running guests with the accelerator the local host settled on
   */
  public LibvirtHypervisor hypervisorFor(String uri) {
    if (uri.equals(localUri())) {
      return hypervisor;
    }
    return otherHosts
        .computeIfAbsent(
            uri,
            u -> {
              LibvirtConnection own = new LibvirtConnection(u);
              return new OtherHost(
                  own,
                  new LibvirtHypervisor(
                      own, hypervisor.defaultAccelerator(), qemuLogDirectory(u, qemuLogDirectory)));
            })
        .hypervisor();
  }

  /**
   * Where a host's QEMU logs are: an embedded driver ({@code qemu:///embed?root=DIR}) keeps them
   * under its root, a session daemon under the user's cache directory; for any other host, the
   * configured directory (a remote host's logs show only where that directory is shared).
   */
  static Path qemuLogDirectory(String uri, Path configured) {
    Matcher embedded = EMBEDDED_ROOT.matcher(uri);
    if (embedded.matches()) {
      return Path.of(embedded.group(1)).resolve("log/qemu");
    }
    if (!uri.startsWith("qemu:///session")) {
      return configured;
    }
    String cache = System.getenv("XDG_CACHE_HOME");
    Path base =
        cache == null || cache.isBlank()
            ? Path.of(System.getProperty("user.home"), ".cache")
            : Path.of(cache);
    return base.resolve("libvirt/qemu/log");
  }

  /** The storage layout the settings describe. */
  static StorageLayout layout(Function<String, Optional<String>> settings) {
    Path root = Path.of(settings.apply(STORAGE_ROOT).orElse(DEFAULT_STORAGE_ROOT));
    Map<StoragePool, Path> poolPaths = new EnumMap<>(StoragePool.class);
    for (StoragePool pool : StoragePool.values()) {
      settings
          .apply("portal.storage." + pool.directoryName() + "-path")
          .filter(path -> !path.isBlank())
          .ifPresent(path -> poolPaths.put(pool, Path.of(path)));
    }
    String poolPrefix =
        settings
            .apply(POOL_PREFIX)
            .filter(p -> !p.isBlank())
            .orElse(StorageLayout.DEFAULT_POOL_PREFIX);
    return new StorageLayout(root, poolPaths, poolPrefix);
  }

  /**
   * Whether the accelerator is {@code auto}.
   *
   * @return true when it is settled by {@link #settleAutoAccelerator}
   */
  public boolean isAutoAccelerator() {
    return autoAccelerator;
  }

  /**
   * With {@code auto}, boots the demo OS under KVM once and switches to KVM if it came up; TCG
   * stays otherwise. Without {@code auto}, does nothing.
   *
   * @param demoBase the sealed demo OS volume
   * @return what the probe found, if it ran
   */
  public Optional<KvmProbe.Result> settleAutoAccelerator(VolumeInfo demoBase) {
    if (!autoAccelerator) {
      return Optional.empty();
    }
    KvmProbe.Result result = new KvmProbe(hypervisor, volumeStore, kvmProbeTimeout).probe(demoBase);
    hypervisor.useAccelerator(result.accelerator());
    otherHosts.values().forEach(other -> other.hypervisor().useAccelerator(result.accelerator()));
    return Optional.of(result);
  }

  /**
   * The accelerator the settings name; {@code auto} starts with TCG until {@link
   * #settleAutoAccelerator} has proven KVM.
   */
  static Accelerator accelerator(Function<String, Optional<String>> settings) {
    return isAuto(settings)
        ? Accelerator.TCG
        : Accelerator.parse(settings.apply(ACCELERATOR).orElse("tcg"));
  }

  static boolean isAuto(Function<String, Optional<String>> settings) {
    return settings.apply(ACCELERATOR).map(v -> v.strip().equalsIgnoreCase("auto")).orElse(false);
  }
}

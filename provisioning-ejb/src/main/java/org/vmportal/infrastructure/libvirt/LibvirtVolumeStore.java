package org.vmportal.infrastructure.libvirt;

import static org.vmportal.infrastructure.libvirt.LibvirtConnection.failedWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.libvirt.Connect;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.libvirt.StorageVol;
import org.vmportal.domain.service.StorageException;
import org.vmportal.domain.service.StoragePool;
import org.vmportal.domain.service.VolumeInfo;
import org.vmportal.domain.service.VolumeStore;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The portal's volumes in three libvirt {@code dir} pools laid out by a {@link StorageLayout}.
 * Volumes are created and deleted through libvirt's storage API; only {@link #makeReadOnly} and
 * {@link #freeBytes} touch the file system directly, so this store must run on the hypervisor host.
 * The first call of any method sets the pools up ({@link #ensurePools}), whatever order the
 * application's start-up beans run in.
 */
public class LibvirtVolumeStore implements VolumeStore {

  private static final Logger LOG = Logger.getLogger(LibvirtVolumeStore.class.getName());

  /** Pool directories must be traversable by the QEMU user ({@code libvirt-qemu}). */
  private static final String DIRECTORY_MODE = "0755";

  /** Snapshot names the portal generates; anything else could smuggle options into qemu-img. */
  private static final Pattern SNAPSHOT_NAME = Pattern.compile("[a-z0-9-]{1,64}");

  private final LibvirtConnection connection;
  private final StorageLayout layout;
  private volatile boolean ready;

  /**
   * A store over a connection.
   *
   * @param connection the libvirt connection, owned by the caller
   * @param layout where the pools live
   */
  public LibvirtVolumeStore(LibvirtConnection connection, StorageLayout layout) {
    this.connection = connection;
    this.layout = layout;
  }

  /**
   * Makes sure every pool exists, is built, running and autostarted, and that the incoming, console
   * log and host-name media directories exist. Safe to repeat.
   *
   * @throws StorageException when a pool of a portal name exists with another type or directory, or
   *     libvirt fails
   */
  public void ensurePools() {
    createDirectory(layout.root());
    createDirectory(layout.incoming());
    createDirectory(layout.logs());
    createDirectory(layout.hostnames());
    for (StoragePool pool : StoragePool.values()) {
      connection.storage("set up storage pool " + layout.poolName(pool), c -> ensurePool(c, pool));
    }
    ready = true;
  }

  /** Sets the pools up unless that has succeeded before. */
  private void ready() {
    if (!ready) {
      ensurePools();
    }
  }

  /**
   * Defines, builds, starts and autostarts one pool as needed. Synchronized so that two threads
   * never define the same pool; always entered inside a connection call, never the other way round.
   */
  private synchronized org.libvirt.StoragePool ensurePool(Connect c, StoragePool pool)
      throws LibvirtException {
    String name = layout.poolName(pool);
    Path directory = layout.directory(pool);
    org.libvirt.StoragePool p = lookupPool(c, name);
    if (p == null) {
      p = c.storagePoolDefineXML(poolXml(name, directory), 0);
      LOG.log(Level.INFO, "Defined storage pool {0} at {1}", new Object[] {name, directory});
    } else {
      requireSameDirectory(name, p.getXMLDesc(0), directory);
    }
    if (p.isActive() == 1 && !Files.isDirectory(directory)) {
      // Its directory was deleted under the running pool (a storage root wiped and set up again):
      // stop it, so that it is built and started afresh below.
      LOG.log(
          Level.WARNING,
          "Storage pool {0} lost its directory {1}; building it again",
          new Object[] {name, directory});
      p.destroy();
    }
    if (p.isActive() == 0) {
      // Building a dir pool creates its directory, or fixes the mode of an existing one.
      p.build(0);
      p.create(0);
    }
    if (!p.getAutostart()) {
      p.setAutostart(1);
    }
    return p;
  }

  private static void requireSameDirectory(String name, String poolXml, Path expected) {
    Element pool = Xml.parse(poolXml).getDocumentElement();
    String type = pool.getAttribute("type");
    Path actual = Xml.childText(pool, "target", "path").map(Path::of).orElse(null);
    if (!"dir".equals(type) || actual == null || !actual.normalize().equals(expected)) {
      throw new StorageException(
          "libvirt storage pool "
              + name
              + " already exists as a '"
              + type
              + "' pool at "
              + actual
              + ", but the portal expects a 'dir' pool at "
              + expected
              + "; undefine that pool (virsh pool-undefine "
              + name
              + ") or configure the portal's storage path to match it");
    }
  }

  private static String poolXml(String name, Path directory) {
    Document doc = Xml.newDocument();
    Element pool = Xml.element(doc, "pool", "type", "dir");
    Xml.text(pool, "name", name);
    Element target = Xml.element(pool, "target");
    Xml.text(target, "path", directory.toString());
    Xml.text(Xml.element(target, "permissions"), "mode", DIRECTORY_MODE);
    return Xml.serialize(doc);
  }

  private static void createDirectory(Path directory) {
    try {
      Files.createDirectories(directory);
      Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new StorageException("Cannot create directory " + directory, e);
    }
  }

  /**
   * Where the pools live.
   *
   * @return the layout
   */
  public StorageLayout layout() {
    return layout;
  }

  @Override
  public Path directory(StoragePool pool) {
    ready();
    return layout.directory(pool);
  }

  @Override
  public Path incomingDirectory() {
    ready();
    return layout.incoming();
  }

  @Override
  public Path logDirectory() {
    ready();
    return layout.logs();
  }

  @Override
  public Path hostnameMediaDirectory() {
    ready();
    return layout.hostnames();
  }

  @Override
  public void refresh(StoragePool pool) {
    ready();
    connection.storage(
        "refresh storage pool " + layout.poolName(pool),
        c -> {
          pool(c, pool).refresh(0);
          return null;
        });
  }

  @Override
  public Optional<VolumeInfo> find(StoragePool pool, String name) {
    VolumeNames.requireValid(name);
    ready();
    return connection.storage(
        "find volume " + name + " in " + layout.poolName(pool), c -> describe(c, pool, name));
  }

  @Override
  public List<VolumeInfo> list(StoragePool pool) {
    ready();
    return connection.storage(
        "list volumes of " + layout.poolName(pool),
        c -> {
          List<VolumeInfo> volumes = new ArrayList<>();
          for (String name : pool(c, pool).listVolumes()) {
            describe(c, pool, name).ifPresent(volumes::add);
          }
          return volumes;
        });
  }

  @Override
  public VolumeInfo createBlankQcow2(StoragePool pool, String name, long capacityBytes) {
    VolumeNames.requireQcow2(name);
    if (capacityBytes <= 0) {
      throw new IllegalArgumentException("Capacity must be positive, not " + capacityBytes);
    }
    String xml = volumeXml(name, capacityBytes, null);
    return create(pool, name, xml);
  }

  @Override
  public VolumeInfo createOverlay(StoragePool pool, String name, VolumeInfo backing) {
    VolumeNames.requireQcow2(name);
    if (!"qcow2".equals(backing.format()) && !"raw".equals(backing.format())) {
      throw new IllegalArgumentException(
          "An overlay needs a qcow2 or raw backing volume, not " + backing.format());
    }
    String xml = volumeXml(name, backing.capacityBytes(), backing);
    return create(pool, name, xml);
  }

  private VolumeInfo create(StoragePool pool, String name, String xml) {
    ready();
    return connection.storage(
        "create volume " + name + " in " + layout.poolName(pool),
        c -> info(pool, pool(c, pool).storageVolCreateXML(xml, 0)));
  }

  private static String volumeXml(String name, long capacityBytes, VolumeInfo backing) {
    Document doc = Xml.newDocument();
    Element volume = Xml.element(doc, "volume");
    Xml.text(volume, "name", name);
    Xml.text(volume, "capacity", Long.toString(capacityBytes), "unit", "bytes");
    Xml.element(Xml.element(volume, "target"), "format", "type", "qcow2");
    if (backing != null) {
      Element backingStore = Xml.element(volume, "backingStore");
      Xml.text(backingStore, "path", backing.path());
      Xml.element(backingStore, "format", "type", backing.format());
    }
    return Xml.serialize(doc);
  }

  @Override
  public VolumeInfo createOverlayFromSnapshot(
      StoragePool pool, String name, VolumeInfo source, String snapshotName, VolumeInfo backing) {
    if (!SNAPSHOT_NAME.matcher(snapshotName).matches()) {
      throw new IllegalArgumentException("Not a snapshot name the portal makes: " + snapshotName);
    }
    VolumeInfo overlay = createOverlay(pool, name, backing);
    // libvirt has no call that reads a snapshot's data; qemu-img does. -n writes into the overlay
    // libvirt made, -B writes only what differs from the base, -U reads while the source runs.
    List<String> command =
        List.of(
            "qemu-img",
            "convert",
            "-n",
            "-U",
            "-B",
            backing.path(),
            "-l",
            "snapshot.name=" + snapshotName,
            "-f",
            "qcow2",
            "-O",
            "qcow2",
            source.path(),
            overlay.path());
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      // qemu-img ends when the copy does; its output is only read for the error message.
      String output = new String(process.getInputStream().readAllBytes()).strip();
      if (process.waitFor() != 0) {
        throw new StorageException(
            "qemu-img could not copy snapshot " + snapshotName + ": " + output);
      }
    } catch (IOException | InterruptedException | StorageException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      delete(pool, name);
      throw e instanceof StorageException se
          ? se
          : new StorageException("qemu-img could not copy snapshot " + snapshotName, e);
    }
    return find(pool, name)
        .orElseThrow(() -> new StorageException("The new overlay " + name + " vanished"));
  }

  @Override
  public void delete(StoragePool pool, String name) {
    VolumeNames.requireValid(name);
    ready();
    connection.storage(
        "delete volume " + name + " from " + layout.poolName(pool),
        c -> {
          StorageVol volume = lookupVolume(c, pool, name);
          if (volume != null) {
            volume.delete(0);
          }
          return null;
        });
  }

  @Override
  public void makeReadOnly(StoragePool pool, String name) {
    VolumeInfo volume =
        find(pool, name)
            .orElseThrow(
                () ->
                    new StorageException(
                        "No volume " + name + " in " + layout.poolName(pool) + " to seal"));
    try {
      Files.setPosixFilePermissions(
          Path.of(volume.path()), PosixFilePermissions.fromString("r--r--r--"));
    } catch (IOException e) {
      throw new StorageException("Cannot make " + volume.path() + " read-only", e);
    }
  }

  @Override
  public long freeBytes(StoragePool pool) {
    ready();
    Path directory = layout.directory(pool);
    try {
      return Files.getFileStore(directory).getUsableSpace();
    } catch (IOException e) {
      throw new StorageException("Cannot read free space of " + directory, e);
    }
  }

  /** The running pool; a missing or stopped one is set up again first. */
  private org.libvirt.StoragePool pool(Connect c, StoragePool pool) throws LibvirtException {
    org.libvirt.StoragePool p = lookupPool(c, layout.poolName(pool));
    if (p != null && p.isActive() == 1) {
      return p;
    }
    LOG.log(Level.WARNING, "Storage pool {0} missing or stopped; setting it up", pool);
    createDirectory(layout.root());
    return ensurePool(c, pool);
  }

  private static org.libvirt.StoragePool lookupPool(Connect c, String name)
      throws LibvirtException {
    try {
      return c.storagePoolLookupByName(name);
    } catch (LibvirtException e) {
      if (failedWith(e, ErrorNumber.VIR_ERR_NO_STORAGE_POOL)) {
        return null;
      }
      throw e;
    }
  }

  private StorageVol lookupVolume(Connect c, StoragePool pool, String name)
      throws LibvirtException {
    try {
      return pool(c, pool).storageVolLookupByName(name);
    } catch (LibvirtException e) {
      if (failedWith(e, ErrorNumber.VIR_ERR_NO_STORAGE_VOL)) {
        return null;
      }
      throw e;
    }
  }

  /**
   * A volume's description, or nothing when it is not there: one deleted while it was being looked
   * up or read (seen when the orphan sweep listed overlays while VMs were wiped) is simply gone.
   */
  private Optional<VolumeInfo> describe(Connect c, StoragePool pool, String name)
      throws LibvirtException {
    try {
      StorageVol volume = lookupVolume(c, pool, name);
      return volume == null ? Optional.empty() : Optional.of(info(pool, volume));
    } catch (LibvirtException e) {
      if (failedWith(e, ErrorNumber.VIR_ERR_NO_STORAGE_VOL)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static VolumeInfo info(StoragePool pool, StorageVol volume) throws LibvirtException {
    Element root = Xml.parse(volume.getXMLDesc(0)).getDocumentElement();
    return new VolumeInfo(
        pool,
        Xml.childText(root, "name").orElseThrow(),
        Xml.childText(root, "target", "path").orElseThrow(),
        Xml.child(root, "target", "format").map(f -> f.getAttribute("type")).orElse("raw"),
        Long.parseLong(Xml.childText(root, "capacity").orElse("0")),
        Long.parseLong(Xml.childText(root, "allocation").orElse("0")),
        Xml.childText(root, "backingStore", "path").orElse(null));
  }
}

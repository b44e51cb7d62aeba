package org.vmportal.infrastructure.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.libvirt.StoragePoolInfo.StoragePoolState;
import org.vmportal.domain.service.StorageException;
import org.vmportal.domain.service.StoragePool;
import org.vmportal.domain.service.VolumeInfo;

/** The volume store against the real {@code qemu:///system} and real directory pools. */
class LibvirtVolumeStoreIT {

  private static final long MIB = 1024 * 1024;
  private static LibvirtItEnvironment env;

  @BeforeAll
  static void setUp() throws IOException {
    env = new LibvirtItEnvironment();
    env.store.ensurePools();
  }

  @AfterAll
  static void tearDown() {
    env.close();
  }

  @Test
  void poolsAreRunningPersistentAutostartedDirPoolsAndEnsuringAgainChangesNothing() {
    String before = poolUuids();

    env.store.ensurePools();

    assertThat(poolUuids()).isEqualTo(before);
    for (StoragePool pool : StoragePool.values()) {
      String name = env.layout.poolName(pool);
      String xml =
          env.connection.storage("xml", c -> c.storagePoolLookupByName(name).getXMLDesc(0));
      StoragePoolState state =
          env.connection.storage("info", c -> c.storagePoolLookupByName(name).getInfo().state);
      int persistent =
          env.connection.storage("persistent", c -> c.storagePoolLookupByName(name).isPersistent());
      boolean autostart =
          env.connection.storage("autostart", c -> c.storagePoolLookupByName(name).getAutostart());

      assertThat(name).isEqualTo(env.prefix + pool.directoryName());
      assertThat(state).isEqualTo(StoragePoolState.VIR_STORAGE_POOL_RUNNING);
      assertThat(persistent).isEqualTo(1);
      assertThat(autostart).isTrue();
      assertThat(Xml.parse(xml).getDocumentElement().getAttribute("type")).isEqualTo("dir");
      assertThat(Xml.childText(Xml.parse(xml).getDocumentElement(), "target", "path"))
          .contains(env.root.resolve(pool.directoryName()).toString());
      assertThat(env.store.directory(pool)).isDirectory();
    }
    assertThat(env.store.incomingDirectory()).isEqualTo(env.root.resolve("incoming")).isDirectory();
    assertThat(env.store.freeBytes(StoragePool.OVERLAYS)).isPositive();
  }

  private static String poolUuids() {
    StringBuilder uuids = new StringBuilder();
    for (StoragePool pool : StoragePool.values()) {
      String name = env.layout.poolName(pool);
      String uuid =
          env.connection.storage("uuid", c -> c.storagePoolLookupByName(name).getUUIDString());
      uuids.append(uuid);
    }
    return uuids.toString();
  }

  @Test
  void aPoolWhoseDirectoryWasDeletedIsBuiltAgain() throws IOException {
    Path isos = env.store.directory(StoragePool.ISOS);
    try (var files = Files.walk(isos)) {
      for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }

    env.store.ensurePools();

    assertThat(isos).isDirectory();
    assertThat(env.store.list(StoragePool.ISOS)).isEmpty();
    assertThat(env.store.freeBytes(StoragePool.ISOS)).isPositive();
  }

  @Test
  void aPoolNameTakenAtAnotherPathIsReportedNotTakenOver() throws IOException {
    Path elsewhere = env.root.resolve("elsewhere");
    LibvirtVolumeStore conflicting =
        new LibvirtVolumeStore(env.connection, new StorageLayout(elsewhere, Map.of(), env.prefix));

    assertThatThrownBy(conflicting::ensurePools)
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(env.prefix + "isos")
        .hasMessageContaining(env.root.resolve("isos").toString())
        .hasMessageContaining(elsewhere.resolve("isos").toString());
    String path =
        env.connection.storage(
            "xml", c -> c.storagePoolLookupByName(env.prefix + "isos").getXMLDesc(0));
    assertThat(path).contains(env.root.resolve("isos").toString());
  }

  @Test
  void anOverlayIsATinyQcow2BackedByTheBase() throws Exception {
    VolumeInfo base = env.store.createBlankQcow2(StoragePool.BASE_IMAGES, "base-a.qcow2", 64 * MIB);

    VolumeInfo overlay = env.store.createOverlay(StoragePool.OVERLAYS, "vm-a.qcow2", base);

    assertThat(base.format()).isEqualTo("qcow2");
    assertThat(base.capacityBytes()).isEqualTo(64 * MIB);
    assertThat(base.backingPath()).isNull();
    assertThat(base.path()).isEqualTo(env.root.resolve("base-images/base-a.qcow2").toString());
    assertThat(overlay.pool()).isEqualTo(StoragePool.OVERLAYS);
    assertThat(overlay.format()).isEqualTo("qcow2");
    assertThat(overlay.backingPath()).isEqualTo(base.path());
    assertThat(overlay.capacityBytes()).isEqualTo(base.capacityBytes());
    System.out.printf(
        "[LibvirtVolumeStoreIT] overlay allocation: %d bytes (%d bytes on disk)%n",
        overlay.allocationBytes(), Files.size(Path.of(overlay.path())));
    assertThat(overlay.allocationBytes()).isLessThan(MIB);
    String info = qemuImgInfo(overlay.path());
    assertThat(info)
        .contains("\"backing-filename\": \"" + base.path() + "\"")
        .contains("\"backing-filename-format\": \"qcow2\"")
        .contains("\"format\": \"qcow2\"");
    assertThat(env.store.find(StoragePool.OVERLAYS, "vm-a.qcow2")).contains(overlay);
    assertThat(env.store.list(StoragePool.OVERLAYS)).contains(overlay);
  }

  @Test
  void aTakenNameIsAStorageException() {
    env.store.createBlankQcow2(StoragePool.OVERLAYS, "taken.qcow2", MIB);

    assertThatThrownBy(() -> env.store.createBlankQcow2(StoragePool.OVERLAYS, "taken.qcow2", MIB))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("taken.qcow2");
  }

  @Test
  void deleteRemovesTheFileAndIsIdempotent() {
    VolumeInfo volume = env.store.createBlankQcow2(StoragePool.OVERLAYS, "doomed.qcow2", MIB);
    assertThat(Path.of(volume.path())).exists();

    env.store.delete(StoragePool.OVERLAYS, "doomed.qcow2");
    env.store.delete(StoragePool.OVERLAYS, "doomed.qcow2");

    assertThat(Path.of(volume.path())).doesNotExist();
    assertThat(env.store.find(StoragePool.OVERLAYS, "doomed.qcow2")).isEmpty();
  }

  @Test
  void aListingSkipsVolumesDeletedWhileItRuns() throws Exception {
    int count = 60;
    for (int i = 0; i < count; i++) {
      env.store.createBlankQcow2(StoragePool.OVERLAYS, "racing-" + i + ".qcow2", MIB);
    }
    // What the orphan sweep meets when VMs are wiped while it lists the overlays.
    Thread wiper =
        new Thread(
            () -> {
              for (int i = 0; i < count; i++) {
                env.store.delete(StoragePool.OVERLAYS, "racing-" + i + ".qcow2");
              }
            });
    wiper.start();
    int listings = 0;
    while (wiper.isAlive()) {
      assertThat(env.store.list(StoragePool.OVERLAYS))
          .allSatisfy(v -> assertThat(v.path()).isNotBlank());
      listings++;
    }
    wiper.join();

    assertThat(listings).isPositive();
    assertThat(env.store.list(StoragePool.OVERLAYS))
        .noneSatisfy(v -> assertThat(v.name()).startsWith("racing-"));
  }

  @Test
  void makeReadOnlyLeavesMode0444() throws IOException {
    VolumeInfo volume = env.store.createBlankQcow2(StoragePool.BASE_IMAGES, "sealed.qcow2", MIB);

    env.store.makeReadOnly(StoragePool.BASE_IMAGES, "sealed.qcow2");

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(volume.path()))))
        .isEqualTo("r--r--r--");
    assertThatThrownBy(() -> env.store.makeReadOnly(StoragePool.BASE_IMAGES, "absent.qcow2"))
        .isInstanceOf(StorageException.class);
  }

  @Test
  void filesMovedIntoAPoolAppearAfterRefresh() throws IOException {
    Path file = env.store.directory(StoragePool.ISOS).resolve("arrived.iso");
    Files.writeString(file, "not really an ISO", StandardCharsets.US_ASCII);

    assertThat(env.store.find(StoragePool.ISOS, "arrived.iso")).isEmpty();
    env.store.refresh(StoragePool.ISOS);

    assertThat(env.store.find(StoragePool.ISOS, "arrived.iso"))
        .hasValueSatisfying(v -> assertThat(v.path()).isEqualTo(file.toString()));
  }

  @Test
  void missingVolumesAreEmptyAndBadNamesAreRefused() {
    assertThat(env.store.find(StoragePool.ISOS, "never-there.iso")).isEmpty();
    for (String bad : new String[] {"../escape.qcow2", "a/b.qcow2", "nul\0.qcow2", ".."}) {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> env.store.createBlankQcow2(StoragePool.OVERLAYS, bad, MIB));
      assertThatIllegalArgumentException()
          .isThrownBy(() -> env.store.find(StoragePool.OVERLAYS, bad));
    }
    assertThat(env.root.resolve("escape.qcow2")).doesNotExist();
  }

  /** {@code qemu-img info}, used only here to check libvirt's work independently. */
  private static String qemuImgInfo(String path) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder("qemu-img", "info", "--output=json", "-U", path)
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }
}

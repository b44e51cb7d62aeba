package org.vmportal.infrastructure.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmportal.domain.service.StorageException;
import org.vmportal.domain.service.StoragePool;

/**
 * Pool set-up against libvirt's test driver, which keeps pools in memory; the real directory pools
 * are exercised by {@code LibvirtVolumeStoreIT}.
 */
class LibvirtVolumeStoreTest {

  private final LibvirtConnection connection = new LibvirtConnection("test:///default");
  private final String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + "-";
  @TempDir Path root;

  @AfterEach
  void close() {
    connection.close();
  }

  private LibvirtVolumeStore store() {
    return new LibvirtVolumeStore(connection, new StorageLayout(root, Map.of(), prefix));
  }

  @Test
  void poolsAreDefinedStartedAndAutostartedOnceAndForAll() {
    LibvirtVolumeStore store = store();

    store.ensurePools();
    store.ensurePools();

    for (StoragePool pool : StoragePool.values()) {
      String name = prefix + pool.directoryName();
      int active = connection.storage("active", c -> c.storagePoolLookupByName(name).isActive());
      boolean autostart =
          connection.storage("auto", c -> c.storagePoolLookupByName(name).getAutostart());
      assertThat(active).isEqualTo(1);
      assertThat(autostart).isTrue();
    }
    assertThat(root.resolve("incoming")).isDirectory();
    assertThat(root.resolve("logs")).isDirectory();
  }

  @Test
  void aPoolOfThePortalsNameElsewhereIsNotTakenOver() {
    connection.storage(
        "define a foreign pool",
        c ->
            c.storagePoolDefineXML(
                "<pool type='dir'><name>"
                    + prefix
                    + "isos</name><target><path>/somewhere/else</path></target></pool>",
                0));

    assertThatThrownBy(() -> store().ensurePools())
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(prefix + "isos")
        .hasMessageContaining("/somewhere/else")
        .hasMessageContaining(root.resolve("isos").toString());
  }

  @Test
  void badVolumeNamesAreRefusedBeforeLibvirtSeesThem() {
    LibvirtVolumeStore store = store();

    assertThatIllegalArgumentException().isThrownBy(() -> store.find(StoragePool.ISOS, "../x"));
    assertThatIllegalArgumentException().isThrownBy(() -> store.delete(StoragePool.ISOS, "a/b"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> store.createBlankQcow2(StoragePool.OVERLAYS, "x\0.qcow2", 1));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> store.createBlankQcow2(StoragePool.OVERLAYS, "x.img", 1));
  }
}

package org.vmportal.infrastructure.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.vmportal.domain.service.Accelerator;
import org.vmportal.domain.service.StoragePool;

class LibvirtConfigurationTest {

  private static Function<String, Optional<String>> settings(Map<String, String> values) {
    return key -> Optional.ofNullable(values.get(key));
  }

  @Test
  void defaultsPutEveryPoolUnderVarLibVmportal() {
    StorageLayout layout = LibvirtConfiguration.layout(settings(Map.of()));

    assertThat(layout.root()).isEqualTo(Path.of("/var/lib/vmportal"));
    assertThat(layout.directory(StoragePool.ISOS)).isEqualTo(Path.of("/var/lib/vmportal/isos"));
    assertThat(layout.directory(StoragePool.BASE_IMAGES))
        .isEqualTo(Path.of("/var/lib/vmportal/base-images"));
    assertThat(layout.incoming()).isEqualTo(Path.of("/var/lib/vmportal/incoming"));
    assertThat(layout.logs()).isEqualTo(Path.of("/var/lib/vmportal/logs"));
    assertThat(layout.poolName(StoragePool.OVERLAYS)).isEqualTo("vmportal-overlays");
    assertThat(LibvirtConfiguration.accelerator(settings(Map.of()))).isEqualTo(Accelerator.TCG);
  }

  @Test
  void aPoolPathReplacesOnlyThatPoolsDirectory() {
    StorageLayout layout =
        LibvirtConfiguration.layout(
            settings(
                Map.of(
                    "portal.storage.root", "/srv/portal/",
                    "portal.storage.overlays-path", "/fast/overlays",
                    "portal.storage.isos-path", "")));

    assertThat(layout.directory(StoragePool.OVERLAYS)).isEqualTo(Path.of("/fast/overlays"));
    assertThat(layout.directory(StoragePool.ISOS)).isEqualTo(Path.of("/srv/portal/isos"));
    assertThat(layout.incoming()).isEqualTo(Path.of("/srv/portal/incoming"));
  }

  @Test
  void aPoolPrefixKeepsTwoInstallationsOnOneHostApart() {
    StorageLayout layout =
        LibvirtConfiguration.layout(
            settings(Map.of("portal.storage.pool-prefix", "vmportal-a1b2-")));

    assertThat(layout.poolName(StoragePool.ISOS)).isEqualTo("vmportal-a1b2-isos");
  }

  @Test
  void acceleratorComesFromItsKey() {
    assertThat(
            LibvirtConfiguration.accelerator(settings(Map.of("portal.libvirt.accelerator", "kvm"))))
        .isEqualTo(Accelerator.KVM);
  }

  @Test
  void autoStartsWithTcgUntilTheProbeHasProvenKvm() {
    Function<String, Optional<String>> auto =
        settings(Map.of("portal.libvirt.accelerator", " Auto"));
    assertThat(LibvirtConfiguration.isAuto(auto)).isTrue();
    assertThat(LibvirtConfiguration.accelerator(auto)).isEqualTo(Accelerator.TCG);
    assertThat(LibvirtConfiguration.isAuto(settings(Map.of()))).isFalse();
  }

  @Test
  void eachHostsQemuLogsAreWhereItsDriverWritesThem() {
    Path configured = Path.of("/var/log/libvirt/qemu");
    assertThat(LibvirtConfiguration.qemuLogDirectory("qemu+ssh://root@h2/system", configured))
        .isEqualTo(configured);
    assertThat(LibvirtConfiguration.qemuLogDirectory("qemu:///embed?root=/srv/h2", configured))
        .isEqualTo(Path.of("/srv/h2/log/qemu"));
    assertThat(LibvirtConfiguration.qemuLogDirectory("qemu:///session", configured))
        .endsWithRaw(Path.of("libvirt/qemu/log"));
  }
}

package org.vmportal.infrastructure.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.vmportal.domain.service.Accelerator;
import org.vmportal.domain.service.DiskSpec;
import org.vmportal.domain.service.DomainSpec;
import org.vmportal.domain.service.StoragePool;
import org.vmportal.domain.service.VolumeInfo;

/** The port's value types, as the adapter relies on them. */
class DomainSpecTest {

  private static final DiskSpec DISK = new DiskSpec("/d/a.qcow2", "qcow2");

  private static DomainSpec.Builder named(String name) {
    return DomainSpec.builder(name, Accelerator.TCG, DISK, "secret", "/logs/a.log");
  }

  @Test
  void defaultsAreASmallGuestWithoutExtras() {
    DomainSpec spec = named("vm-1").build();

    assertThat(spec.vcpus()).isEqualTo(1);
    assertThat(spec.memoryMiB()).isEqualTo(128);
    assertThat(spec.cdrom()).isNull();
    assertThat(spec.hostname()).isNull();
    assertThat(spec.userNetwork()).isFalse();
    assertThat(spec.serialPort()).isNull();
  }

  @Test
  void markupIsAllowedInNamesButNotSlashesOrControlCharacters() {
    assertThat(named("<b>vm<b> & \"co\"").build().name()).isEqualTo("<b>vm<b> & \"co\"");
    assertThatIllegalArgumentException().isThrownBy(() -> named("a/b").build());
    assertThatIllegalArgumentException().isThrownBy(() -> named("a\nb").build());
    assertThatIllegalArgumentException().isThrownBy(() -> named(" ").build());
    assertThatIllegalArgumentException().isThrownBy(() -> named("x".repeat(201)).build());
    assertThatIllegalArgumentException().isThrownBy(() -> named("vm").title("two\nlines").build());
  }

  @Test
  void vncPasswordsFitVncAuthentication() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> DomainSpec.builder("vm", Accelerator.TCG, DISK, "123456789", "/l").build());
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DomainSpec.builder("vm", Accelerator.TCG, DISK, "", "/l").build());
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DomainSpec.builder("vm", Accelerator.TCG, DISK, "a b", "/l").build());
  }

  @Test
  void sizesAndPathsAreChecked() {
    assertThatIllegalArgumentException().isThrownBy(() -> named("vm").vcpus(0).build());
    assertThatIllegalArgumentException().isThrownBy(() -> named("vm").memoryMiB(8).build());
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DomainSpec.builder("vm", Accelerator.TCG, DISK, "pw", "rel.log").build());
    assertThatIllegalArgumentException().isThrownBy(() -> new DiskSpec("rel.qcow2", "qcow2"));
    assertThatIllegalArgumentException().isThrownBy(() -> new DiskSpec("/a.vmdk", "vmdk"));
    assertThatIllegalArgumentException().isThrownBy(() -> named("vm").serialPort(0).build());
    assertThatIllegalArgumentException().isThrownBy(() -> named("vm").serialPort(65536).build());
    assertThat(named("vm").serialPort(65535).build().serialPort()).isEqualTo(65535);
  }

  @Test
  void anOverlayNamesItsBaseAndOnlyItsBase() {
    VolumeInfo base =
        new VolumeInfo(StoragePool.BASE_IMAGES, "b.qcow2", "/p/b.qcow2", "qcow2", 9L, 9L, null);
    VolumeInfo overlay =
        new VolumeInfo(
            StoragePool.OVERLAYS, "o.qcow2", "/p/o.qcow2", "qcow2", 9L, 1L, "/p/b.qcow2");
    VolumeInfo other =
        new VolumeInfo(StoragePool.BASE_IMAGES, "c.qcow2", "/p/c.qcow2", "qcow2", 9L, 9L, null);

    assertThat(DiskSpec.overlay(overlay, base))
        .isEqualTo(new DiskSpec("/p/o.qcow2", "qcow2", new DiskSpec("/p/b.qcow2", "qcow2")));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DiskSpec.overlay(overlay, other))
        .withMessageContaining("/p/c.qcow2");
    // Without its base, an overlay would let libvirt probe and relabel the chain.
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DiskSpec.of(overlay))
        .withMessageContaining("DiskSpec.overlay");
    // A base that is itself an overlay, and a raw overlay, are refused.
    VolumeInfo second =
        new VolumeInfo(
            StoragePool.OVERLAYS, "s.qcow2", "/p/s.qcow2", "qcow2", 9L, 1L, "/p/o.qcow2");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DiskSpec.overlay(second, overlay))
        .withMessageContaining("is an overlay on /p/b.qcow2");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new DiskSpec("/p/o.img", "raw", new DiskSpec("/p/b.qcow2", "qcow2")));
  }

  @Test
  void anIsoVolumeIsARawDisk() {
    VolumeInfo iso = new VolumeInfo(StoragePool.ISOS, "d.iso", "/p/d.iso", "iso", 10L, 10L, null);

    assertThat(DiskSpec.of(iso)).isEqualTo(new DiskSpec("/p/d.iso", "raw"));
  }

  @Test
  void acceleratorNamesParseInAnyCase() {
    assertThat(Accelerator.parse("KVM")).isEqualTo(Accelerator.KVM);
    assertThat(Accelerator.parse(" tcg ")).isEqualTo(Accelerator.TCG);
    assertThatIllegalArgumentException().isThrownBy(() -> Accelerator.parse("auto"));
  }
}

package org.vmportal.infrastructure.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VolumeNamesTest {

  @ParameterizedTest
  @ValueSource(strings = {"demo-linux.iso", "base-1.qcow2", "Ubuntu 24.04 (server).iso", "é.iso"})
  void ordinaryFileNamesPass(String name) {
    assertThat(VolumeNames.requireValid(name)).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", ".", "..", "../etc/passwd", "a/b", "/abs", "a..b", "nul\0x", "tab\tx", "cr\r"})
  void namesThatCouldEscapeTheDirectoryOrHideCharactersFail(String name) {
    assertThatIllegalArgumentException().isThrownBy(() -> VolumeNames.requireValid(name));
  }

  @Test
  void nullFails() {
    assertThatIllegalArgumentException().isThrownBy(() -> VolumeNames.requireValid(null));
  }

  @Test
  void lengthIsCapped() {
    assertThat(VolumeNames.requireValid("x".repeat(200))).hasSize(200);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> VolumeNames.requireValid("x".repeat(201)));
    // 128 two-byte characters are 256 bytes: more than a Linux file name may have.
    assertThatIllegalArgumentException()
        .isThrownBy(() -> VolumeNames.requireValid("é".repeat(128)));
  }

  @Test
  void qcow2VolumesNeedTheSuffix() {
    assertThat(VolumeNames.requireQcow2("vm.qcow2")).isEqualTo("vm.qcow2");
    assertThatIllegalArgumentException().isThrownBy(() -> VolumeNames.requireQcow2("vm.img"));
    assertThatIllegalArgumentException().isThrownBy(() -> VolumeNames.requireQcow2(".qcow2"));
  }
}

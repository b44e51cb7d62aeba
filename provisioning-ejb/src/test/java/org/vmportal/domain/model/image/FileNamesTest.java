package org.vmportal.domain.model.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FileNamesTest {

  @Test
  void pathTricksKeepOnlyTheLastSegment() {
    assertThat(FileNames.displayName("../../etc/passwd.iso")).isEqualTo("passwd.iso");
    assertThat(FileNames.displayName("C:\\Users\\ada\\debian.iso")).isEqualTo("debian.iso");
    assertThat(FileNames.displayName("/abs/path/x.iso")).isEqualTo("x.iso");
  }

  @Test
  void markupAndQuotesAreKeptAsText() {
    assertThat(FileNames.displayName("<b onmouseover=\"alert('x')\">name</b>.iso"))
        .isEqualTo("b>.iso"); // the slash ends a path segment
    assertThat(FileNames.displayName("<script>alert('x')<script>\".iso"))
        .isEqualTo("<script>alert('x')<script>\".iso");
  }

  @Test
  void controlCharactersAndNulAreRefused() {
    assertThatThrownBy(() -> FileNames.displayName("evil\u0000.iso"))
        .hasMessage("The file name contains control characters.");
    assertThatThrownBy(() -> FileNames.displayName("line\nbreak.iso"))
        .hasMessage("The file name contains control characters.");
    assertThatThrownBy(() -> FileNames.displayName("esc\u001b[31m.iso"))
        .hasMessage("The file name contains control characters.");
  }

  @Test
  void emptyAndDotNamesAreRefused() {
    assertThatThrownBy(() -> FileNames.displayName(null)).hasMessage("The file needs a name.");
    assertThatThrownBy(() -> FileNames.displayName("   ")).hasMessage("The file needs a name.");
    assertThatThrownBy(() -> FileNames.displayName("dir/.."))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FileNames.displayName("dir/"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void overlongNamesAreRefusedWithTheirLength() {
    assertThat(FileNames.displayName("a".repeat(251) + ".iso")).hasSize(255);
    assertThatThrownBy(() -> FileNames.displayName("a".repeat(296) + ".iso"))
        .hasMessage("The file name is too long (300 characters; at most 255).");
  }
}

package org.vmportal.infrastructure.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.vmportal.domain.service.HypervisorException;
import org.vmportal.domain.service.StorageException;

class LibvirtConnectionTest {

  private final LibvirtConnection connection = new LibvirtConnection("test:///default");

  @AfterEach
  void close() {
    connection.close();
  }

  @Test
  void aDeadConnectionIsReplacedOnTheNextCall() {
    Connect first = connection.hypervisor("get", c -> c);
    connection.hypervisor("kill the connection", Connect::close);

    Connect second = connection.hypervisor("get", c -> c);

    assertThat(second).isNotSameAs(first);
    String type = connection.hypervisor("ask", Connect::getType);
    assertThat(type).isEqualTo("TEST");
  }

  @Test
  void aLiveConnectionIsReused() {
    Connect first = connection.hypervisor("get", c -> c);
    Connect second = connection.storage("get", c -> c);

    assertThat(second).isSameAs(first);
  }

  @Test
  void libvirtErrorsLeaveAsPortExceptionsNamingTheAction() {
    assertThatThrownBy(
            () -> connection.storage("find pool nope", c -> c.storagePoolLookupByName("nope")))
        .isInstanceOf(StorageException.class)
        .hasMessageStartingWith("find pool nope: ")
        .hasMessageContaining("nope")
        .hasCauseInstanceOf(LibvirtException.class);
    assertThatThrownBy(
            () -> connection.hypervisor("find domain nope", c -> c.domainLookupByName("nope")))
        .isInstanceOf(HypervisorException.class)
        .hasCauseInstanceOf(LibvirtException.class);
  }

  @Test
  void anUnreachableUriFailsAsAPortException() {
    try (LibvirtConnection broken =
        new LibvirtConnection("qemu+unix:///system?socket=/nonexistent")) {
      assertThatThrownBy(() -> broken.hypervisor("connect", Connect::getType))
          .isInstanceOf(HypervisorException.class)
          .hasMessageContaining("/nonexistent");
    }
  }

  @Test
  void manyThreadsShareOneConnection() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        results.add(pool.submit(() -> connection.hypervisor("ask", Connect::getType)));
      }
      for (Future<String> result : results) {
        assertThat(result.get()).isEqualTo("TEST");
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void aClosedConnectionRefusesWork() {
    connection.close();

    assertThatIllegalStateException()
        .isThrownBy(() -> connection.hypervisor("ask", Connect::getType))
        .withMessageContaining("closed");
  }
}

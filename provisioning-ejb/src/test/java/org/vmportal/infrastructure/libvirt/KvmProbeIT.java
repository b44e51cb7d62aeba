package org.vmportal.infrastructure.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vmportal.domain.service.Accelerator;
import org.vmportal.domain.service.DiskSpec;
import org.vmportal.domain.service.DomainSpec;
import org.vmportal.domain.service.StoragePool;
import org.vmportal.domain.service.VolumeInfo;

/**
 * {@code auto} picks an accelerator that really boots Linux here: whatever the probe settles on, a
 * demo-OS guest started with it reaches its prompt, and the probe leaves nothing behind. (On these
 * development machines {@code /dev/kvm} exists but cannot boot Linux guests, so the answer is TCG.)
 */
class KvmProbeIT {

  private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(180);

  private static LibvirtItEnvironment env;
  private static VolumeInfo base;

  @BeforeAll
  static void setUp() throws Exception {
    env = new LibvirtItEnvironment();
    base = env.poolsWithDemoBase();
  }

  @AfterAll
  static void tearDown() {
    env.close();
  }

  @Test
  void theSettledAcceleratorBootsTheDemoOsAndTheProbeLeavesNothing() throws Exception {
    KvmProbe.Result result =
        new KvmProbe(env.hypervisor, env.store, Duration.ofSeconds(45)).probe(base);
    System.out.printf(
        "[KvmProbeIT] auto -> %s (%s) in %d ms%n",
        result.accelerator(), result.reason(), result.millis());

    if (!Files.exists(Path.of("/dev/kvm"))) {
      assertThat(result.accelerator()).isEqualTo(Accelerator.TCG);
    }
    assertThat(env.hypervisor.listDomainNames())
        .noneMatch(n -> n.startsWith("vmportal-kvm-probe-"));
    assertThat(env.store.list(StoragePool.OVERLAYS)).isEmpty();
    try (var logs = Files.list(env.layout.logs())) {
      assertThat(logs).noneMatch(f -> f.getFileName().toString().startsWith("vmportal-kvm-probe-"));
    }

    String name = env.domainName("settled");
    String hostname = "probe" + UUID.randomUUID().toString().substring(0, 6);
    VolumeInfo overlay = env.store.createOverlay(StoragePool.OVERLAYS, name + ".qcow2", base);
    Path log = env.layout.logs().resolve(name + ".serial.log");
    env.hypervisor.defineAndStart(
        DomainSpec.builder(
                name,
                result.accelerator(),
                DiskSpec.overlay(overlay, base),
                "it-pw",
                log.toString())
            .hostname(hostname)
            .build());
    env.awaitLog(log, "root@" + hostname + ":", BOOT_TIMEOUT, name);
  }
}

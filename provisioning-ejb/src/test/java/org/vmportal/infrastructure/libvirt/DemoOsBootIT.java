package org.vmportal.infrastructure.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vmportal.domain.service.Accelerator;
import org.vmportal.domain.service.DiskSpec;
import org.vmportal.domain.service.DomainSpec;
import org.vmportal.domain.service.DomainState;
import org.vmportal.domain.service.HypervisorException;
import org.vmportal.domain.service.StoragePool;
import org.vmportal.domain.service.VolumeInfo;

/**
 * The project's demo OS boots in real libvirt domains under TCG, from its ISO and from an overlay
 * on its qcow2 base, and greets with the host name the domain handed it; a spare started paused
 * before its name was known greets with the name on the medium it was given when taken.
 */
class DemoOsBootIT {

  // Generous: TCG guests on a shared 2-core machine boot several times slower under load.
  private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(180);
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
  void theIsoBootsToAPromptWithItsHostName() throws Exception {
    Path isoFile = LibvirtItEnvironment.demoOsFile("demo-linux.iso");
    env.importIntoPool(isoFile, StoragePool.ISOS, "demo-linux.iso");
    VolumeInfo iso = env.store.find(StoragePool.ISOS, "demo-linux.iso").orElseThrow();
    env.store.makeReadOnly(StoragePool.ISOS, "demo-linux.iso");
    VolumeInfo disk = env.store.createBlankQcow2(StoragePool.OVERLAYS, "iso-vm.qcow2", 64L << 20);
    String name = env.domainName("iso-vm");
    String hostname = randomHostname();
    DomainSpec spec =
        spec(name, DiskSpec.of(disk))
            .cdrom(DiskSpec.of(iso))
            .hostname(hostname)
            .title("ISO boot <test> & \"friends\"")
            .userNetwork(true)
            .build();

    Path log = boot(spec, hostname, "ISO");

    assertThat(iso.format()).isEqualTo("iso");
    assertThat(Files.readString(log, StandardCharsets.ISO_8859_1))
        .contains("VM Portal demo OS ready: hostname=" + hostname);
    assertThat(env.hypervisor.isPortalDomain(name)).isTrue();
    assertThat(env.hypervisor.listDomainNames()).contains(name);
    shutDown(name);
  }

  @Test
  void anOverlayOnTheDemoBaseBootsAndLeavesTheBaseUntouched() throws Exception {
    Path baseFile = LibvirtItEnvironment.demoOsFile("demo-linux.qcow2");
    String checksum = LibvirtItEnvironment.sha256(baseFile);
    Path basePath = env.importIntoPool(baseFile, StoragePool.BASE_IMAGES, "demo-linux.qcow2");
    env.store.makeReadOnly(StoragePool.BASE_IMAGES, "demo-linux.qcow2");
    VolumeInfo base = env.store.find(StoragePool.BASE_IMAGES, "demo-linux.qcow2").orElseThrow();
    UserPrincipal owner = Files.getOwner(basePath);
    VolumeInfo overlay = env.store.createOverlay(StoragePool.OVERLAYS, "overlay-vm.qcow2", base);
    String name = env.domainName("overlay-vm");
    String hostname = randomHostname();

    boot(
        spec(name, DiskSpec.overlay(overlay, base)).hostname(hostname).build(),
        hostname,
        "overlay");
    assertThat(Files.getOwner(basePath)).as("owner while a guest runs on it").isEqualTo(owner);
    shutDown(name);

    VolumeInfo used = env.store.find(StoragePool.OVERLAYS, "overlay-vm.qcow2").orElseThrow();
    System.out.printf(
        "[DemoOsBootIT] overlay allocation: %d bytes new, %d bytes after a boot%n",
        overlay.allocationBytes(), used.allocationBytes());
    assertThat(base.format()).isEqualTo("qcow2");
    assertThat(used.backingPath()).isEqualTo(basePath.toString());
    assertThat(LibvirtItEnvironment.sha256(basePath)).isEqualTo(checksum);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(basePath)))
        .isEqualTo("r--r--r--");
    // Never handed to the QEMU user, which could otherwise make the shared base writable.
    assertThat(Files.getOwner(basePath)).isEqualTo(owner);
  }

  @Test
  void aSpareBootsWithTheNameOnItsMediumAndKeepsItAtTheNextBoot() throws Exception {
    Path baseFile = LibvirtItEnvironment.demoOsFile("demo-linux.qcow2");
    env.importIntoPool(baseFile, StoragePool.BASE_IMAGES, "spare-base.qcow2");
    env.store.makeReadOnly(StoragePool.BASE_IMAGES, "spare-base.qcow2");
    VolumeInfo base = env.store.find(StoragePool.BASE_IMAGES, "spare-base.qcow2").orElseThrow();
    VolumeInfo overlay = env.store.createOverlay(StoragePool.OVERLAYS, "spare-vm.qcow2", base);
    DiskSpec disk = DiskSpec.overlay(overlay, base);
    String name = env.domainName("spare-vm");
    Path log = env.layout.logs().resolve(name + ".serial.log");

    env.hypervisor.defineSpare(spec(name, disk).hostnameFromMedium(true).build());
    assertThat(env.hypervisor.state(name)).isEqualTo(DomainState.PAUSED);
    Thread.sleep(1_000);
    assertThat(Files.exists(log) ? Files.size(log) : 0).as("no guest output while paused").isZero();

    String hostname = randomHostname();
    Path medium = env.layout.hostnames().resolve(name + ".hostname");
    long taking = System.nanoTime();
    env.hypervisor.takeSpare(
        spec(name, disk).hostname(hostname).title("Taken <spare> & co").build(), medium);
    long taken = System.nanoTime();
    assertThat(env.hypervisor.state(name)).isEqualTo(DomainState.RUNNING);
    assertThat(Files.size(medium)).as("one CD-ROM sector").isEqualTo(2048);
    env.awaitLog(log, "root@" + hostname + ":", BOOT_TIMEOUT, name);
    System.out.printf(
        "[DemoOsBootIT] spare taken in %d ms, prompt %.1f s later%n",
        (taken - taking) / 1_000_000, (System.nanoTime() - taken) / 1e9);

    // The next boot reads the name from the domain's new definition, which has no medium.
    env.hypervisor.destroy(name);
    Files.delete(medium);
    env.hypervisor.start(name);
    env.awaitLog(log, "root@" + hostname + ":", BOOT_TIMEOUT, name);
    shutDown(name);
  }

  @Test
  void aDomainThatCannotStartLeavesNoDefinitionBehind() {
    String name = env.domainName("broken");
    DomainSpec spec =
        spec(name, new DiskSpec(env.root.resolve("no-such-disk.qcow2").toString(), "qcow2"))
            .build();

    assertThatThrownBy(() -> env.hypervisor.defineAndStart(spec))
        .isInstanceOf(HypervisorException.class)
        .hasMessageContaining("no-such-disk.qcow2");
    assertThat(env.hypervisor.state(name)).isEqualTo(DomainState.ABSENT);
  }

  private static DomainSpec.Builder spec(String name, DiskSpec disk) {
    Path log = env.layout.logs().resolve(name + ".serial.log");
    return DomainSpec.builder(name, Accelerator.TCG, disk, "it-pw", log.toString()).memoryMiB(128);
  }

  /** Defines and starts the domain, then waits for the prompt; returns the serial log. */
  private static Path boot(DomainSpec spec, String hostname, String what) throws Exception {
    Path log = Path.of(spec.serialLogPath());
    long start = System.nanoTime();
    env.hypervisor.defineAndStart(spec);
    long started = System.nanoTime();
    assertThat(env.hypervisor.state(spec.name())).isEqualTo(DomainState.RUNNING);
    OptionalInt vnc = env.hypervisor.vncPort(spec.name());
    assertThat(vnc).isPresent();
    assertThat(vnc.getAsInt()).isGreaterThanOrEqualTo(5900);
    // Timed from the start, not the call: a busy libvirtd may take long to start QEMU.
    env.awaitLog(log, "root@" + hostname + ":", BOOT_TIMEOUT, spec.name());
    long prompted = System.nanoTime();
    System.out.printf(
        "[DemoOsBootIT] %s boot: defineAndStart %d ms, prompt %.1f s after the start;"
            + " QEMU RSS at the prompt %s%n",
        what, (started - start) / 1_000_000, (prompted - started) / 1e9, qemuRss(spec.name()));
    return log;
  }

  private static void shutDown(String name) {
    env.hypervisor.destroy(name);
    assertThat(env.hypervisor.state(name)).isEqualTo(DomainState.SHUTOFF);
    env.hypervisor.destroy(name);
    env.hypervisor.undefine(name);
    assertThat(env.hypervisor.state(name)).isEqualTo(DomainState.ABSENT);
  }

  private static String randomHostname() {
    return "it" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  /** The resident memory of the domain's QEMU process, from libvirt's pid file. */
  private static String qemuRss(String name) throws IOException {
    Path pidFile = Path.of("/run/libvirt/qemu", name + ".pid");
    if (!Files.exists(pidFile)) {
      return "unknown";
    }
    String pid = Files.readString(pidFile).trim();
    List<String> status = Files.readAllLines(Path.of("/proc", pid, "status"));
    return status.stream()
        .filter(line -> line.startsWith("VmRSS:"))
        .map(line -> line.substring(6).trim())
        .findFirst()
        .orElse("unknown");
  }
}

package org.vmportal.infrastructure.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vmportal.domain.service.Accelerator;
import org.vmportal.domain.service.DiskSpec;
import org.vmportal.domain.service.DomainLifecycleEvent;
import org.vmportal.domain.service.DomainSpec;
import org.vmportal.domain.service.DomainState;
import org.vmportal.domain.service.Hypervisor;
import org.vmportal.domain.service.StoragePool;
import org.vmportal.domain.service.VolumeInfo;

/**
 * The life cycle after creation, on demo OS guests under TCG in the real {@code qemu:///system}:
 * pause, resume, ACPI shutdown, start, hibernation with the guest's memory kept, and the event a
 * killed QEMU raises.
 */
class VmLifecycleIT {

  // Generous: TCG guests on a shared 2-core machine boot several times slower under load.
  private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(30);

  /** How long a guest gets to obey an ACPI shutdown before it is forced off. */
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);

  private static LibvirtItEnvironment env;
  private static VolumeInfo base;

  @BeforeAll
  static void setUp() throws IOException {
    env = new LibvirtItEnvironment();
    base = env.poolsWithDemoBase();
  }

  @AfterAll
  static void tearDown() {
    env.close();
  }

  @Test
  void pauseResumeShutdownAndStartAgain() throws Exception {
    Guest guest = boot("cycle", null);

    env.hypervisor.pause(guest.name);
    assertThat(env.hypervisor.state(guest.name)).isEqualTo(DomainState.PAUSED);
    env.hypervisor.resume(guest.name);
    assertThat(env.hypervisor.state(guest.name)).isEqualTo(DomainState.RUNNING);

    env.hypervisor.shutdown(guest.name);
    boolean obeyed = awaitState(guest.name, DomainState.SHUTOFF, SHUTDOWN_GRACE);
    // The demo OS has no ACPI handling (no acpid, busybox init): the power button is ignored.
    assertThat(obeyed).as("the demo OS powered off on an ACPI request").isFalse();
    env.hypervisor.destroy(guest.name);
    assertThat(env.hypervisor.state(guest.name)).isEqualTo(DomainState.SHUTOFF);
    assertThat(env.hypervisor.hasSavedState(guest.name)).isFalse();

    env.hypervisor.start(guest.name);
    assertThat(env.hypervisor.state(guest.name)).isEqualTo(DomainState.RUNNING);
    // The log starts afresh with every start; a second prompt means a second boot.
    env.awaitLog(guest.log, guest.prompt(), BOOT_TIMEOUT, guest.name);
    env.hypervisor.destroy(guest.name);
  }

  @Test
  void hibernationKeepsTheGuestsMemoryAndUndefineRemovesTheSavedState() throws Exception {
    Guest guest = boot("hibernate", LibvirtItEnvironment.freeLoopbackPort());
    String marker = "marker-" + UUID.randomUUID().toString().substring(0, 8);
    // The shell computes the marker's middle, so the log holds it only as a command's output.
    String written = marker.replace("-", "-$((6*7))-");
    String expected = marker.replace("-", "-42-");
    type(guest, "echo " + written + " > /tmp/m; echo stored-$((1+1))", "stored-2");
    assertThat(LibvirtItEnvironment.logContains(guest.log, expected)).isFalse();

    long start = System.nanoTime();
    env.hypervisor.hibernate(guest.name);
    long hibernated = System.nanoTime();

    assertThat(env.hypervisor.state(guest.name)).isEqualTo(DomainState.SHUTOFF);
    assertThat(env.hypervisor.hasSavedState(guest.name)).isTrue();
    Path saved = Path.of("/var/lib/libvirt/qemu/save", guest.name + ".save");
    assertThat(saved).exists();
    long savedBytes = Files.size(saved);

    long restore = System.nanoTime();
    env.hypervisor.start(guest.name);
    System.out.printf(
        "[VmLifecycleIT] hibernate %d ms (saved state %d bytes), start from it %d ms%n",
        (hibernated - start) / 1_000_000, savedBytes, (System.nanoTime() - restore) / 1_000_000);

    assertThat(env.hypervisor.state(guest.name)).isEqualTo(DomainState.RUNNING);
    assertThat(env.hypervisor.hasSavedState(guest.name)).isFalse();
    // /tmp lives in the initramfs, in RAM: the file survives only if the memory did.
    type(guest, "cat /tmp/m", expected);

    env.hypervisor.hibernate(guest.name);
    assertThat(saved).exists();
    env.hypervisor.undefine(guest.name);
    assertThat(env.hypervisor.state(guest.name)).isEqualTo(DomainState.ABSENT);
    assertThat(saved).doesNotExist();
  }

  @Test
  void aKilledQemuIsHeardAsAFailedStop() throws Exception {
    BlockingQueue<DomainLifecycleEvent> events = new LinkedBlockingQueue<>();
    String name = env.domainName("killed");
    Hypervisor.Subscription subscription =
        env.hypervisor.onLifecycleEvent(
            event -> {
              if (event.domainName().equals(name)) {
                events.add(event);
              }
            });
    try {
      env.hypervisor.defineAndStart(spec(name, overlay(name), null).build());
      // libvirt reports the vCPUs starting (resumed, "unpaused") before the domain's start.
      awaitEvent(events, new DomainLifecycleEvent(name, DomainState.RUNNING, "booted"));
      assertThat(env.hypervisor.states()).containsEntry(name, DomainState.RUNNING);
      long pid =
          Long.parseLong(Files.readString(Path.of("/run/libvirt/qemu", name + ".pid")).trim());

      assertThat(ProcessHandle.of(pid).orElseThrow().destroyForcibly()).isTrue();

      awaitEvent(events, new DomainLifecycleEvent(name, DomainState.SHUTOFF, "failed"));
      assertThat(env.hypervisor.states()).containsEntry(name, DomainState.SHUTOFF);
    } finally {
      subscription.close();
    }
  }

  /** A booted guest: its domain name, serial log, host name and serial TCP port (or null). */
  private record Guest(String name, Path log, String hostname, Integer port) {
    String prompt() {
      return "root@" + hostname + ":";
    }
  }

  private static Guest boot(String suffix, Integer serialPort) throws Exception {
    String name = env.domainName(suffix);
    String hostname = "it" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    DomainSpec spec = spec(name, overlay(name), serialPort).hostname(hostname).build();
    env.hypervisor.defineAndStart(spec);
    Guest guest = new Guest(name, Path.of(spec.serialLogPath()), hostname, serialPort);
    env.awaitLog(guest.log, guest.prompt(), BOOT_TIMEOUT, name);
    return guest;
  }

  private static DiskSpec overlay(String name) {
    VolumeInfo overlay = env.store.createOverlay(StoragePool.OVERLAYS, name + ".qcow2", base);
    return DiskSpec.overlay(overlay, base);
  }

  private static DomainSpec.Builder spec(String name, DiskSpec disk, Integer serialPort) {
    Path log = env.layout.logs().resolve(name + ".serial.log");
    return DomainSpec.builder(name, Accelerator.TCG, disk, "it-pw", log.toString())
        .serialPort(serialPort);
  }

  /**
   * Types a command line on the guest's serial console and waits for {@code answer} in the serial
   * log. QEMU's telnet server opens with its option offers; waiting for them proves the session is
   * set up, and plain text needs no negotiation. The session stays open until the answer arrives:
   * the UART takes 16 bytes at a time, and QEMU drops what it has not read when the client leaves.
   */
  private static void type(Guest guest, String command, String answer) throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), guest.port)) {
      socket.setSoTimeout((int) ANSWER_TIMEOUT.toMillis());
      assertThat(socket.getInputStream().read()).as("telnet IAC").isEqualTo(0xff);
      OutputStream out = socket.getOutputStream();
      out.write((command + "\r").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      env.awaitLog(guest.log, answer, ANSWER_TIMEOUT, guest.name);
    }
  }

  /** Waits for {@code expected}, skipping other events; fails naming what arrived instead. */
  private static void awaitEvent(
      BlockingQueue<DomainLifecycleEvent> events, DomainLifecycleEvent expected)
      throws InterruptedException {
    List<DomainLifecycleEvent> others = new ArrayList<>();
    long deadline = System.nanoTime() + EVENT_TIMEOUT.toNanos();
    for (long left = EVENT_TIMEOUT.toNanos(); left > 0; left = deadline - System.nanoTime()) {
      DomainLifecycleEvent event = events.poll(left, TimeUnit.NANOSECONDS);
      if (expected.equals(event)) {
        return;
      }
      if (event != null) {
        others.add(event);
      }
    }
    fail("No %s within %d s; heard %s", expected, EVENT_TIMEOUT.toSeconds(), others);
  }

  private static boolean awaitState(String name, DomainState state, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (env.hypervisor.state(name) == state) {
        return true;
      }
      Thread.sleep(200);
    }
    return false;
  }
}

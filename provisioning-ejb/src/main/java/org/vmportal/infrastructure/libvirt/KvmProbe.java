package org.vmportal.infrastructure.libvirt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.vmportal.domain.service.Accelerator;
import org.vmportal.domain.service.DiskSpec;
import org.vmportal.domain.service.DomainSpec;
import org.vmportal.domain.service.DomainState;
import org.vmportal.domain.service.StoragePool;
import org.vmportal.domain.service.VolumeInfo;

/**
 * Decides {@code auto}: boots the demo OS once under KVM and keeps KVM only if the guest reaches
 * the line its init prints when ready. A host can offer {@code /dev/kvm} and still fail to run
 * Linux guests (these development machines do), so the device alone proves nothing. Everything the
 * probe makes (overlay, domain, serial log) is removed again.
 */
public final class KvmProbe {

  private static final Logger LOG = Logger.getLogger(KvmProbe.class.getName());

  /** What the demo OS's init prints on the serial console once it is up. */
  static final String READY_LINE = "VM Portal demo OS ready";

  private final LibvirtHypervisor hypervisor;
  private final LibvirtVolumeStore volumes;
  private final Duration timeout;

  /**
   * A probe.
   *
   * @param hypervisor where to boot the guest
   * @param volumes where its overlay goes
   * @param timeout how long a KVM guest gets to come up (seconds suffice on working KVM)
   */
  public KvmProbe(LibvirtHypervisor hypervisor, LibvirtVolumeStore volumes, Duration timeout) {
    this.hypervisor = hypervisor;
    this.volumes = volumes;
    this.timeout = timeout;
  }

  /**
   * The outcome.
   *
   * @param accelerator KVM if the guest came up under it, TCG otherwise
   * @param reason what was seen
   * @param millis how long the probe took
   */
  public record Result(Accelerator accelerator, String reason, long millis) {}

  /**
   * Boots the demo OS under KVM once.
   *
   * @param demoBase the sealed demo OS volume
   * @return the accelerator to use and why
   */
  public Result probe(VolumeInfo demoBase) {
    long started = System.nanoTime();
    String name = "vmportal-kvm-probe-" + UUID.randomUUID().toString().substring(0, 8);
    Path serialLog = volumes.logDirectory().resolve(name + ".serial.log");
    String overlayName = name + ".qcow2";
    try {
      VolumeInfo overlay = volumes.createOverlay(StoragePool.OVERLAYS, overlayName, demoBase);
      hypervisor.defineAndStart(
          DomainSpec.builder(
                  name,
                  Accelerator.KVM,
                  DiskSpec.overlay(overlay, demoBase),
                  UUID.randomUUID().toString().substring(0, 8),
                  serialLog.toString())
              .hostname("kvm-probe")
              .build());
      long deadline = started + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        if (read(serialLog).contains(READY_LINE)) {
          return result(Accelerator.KVM, "the demo OS came up under KVM", started);
        }
        DomainState state = hypervisor.state(name);
        if (state != DomainState.RUNNING) {
          return result(
              Accelerator.TCG, "the KVM guest left the running state (" + state + ")", started);
        }
        Thread.sleep(250);
      }
      return result(
          Accelerator.TCG,
          "the KVM guest did not come up within " + timeout.toSeconds() + " s",
          started);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return result(Accelerator.TCG, "the probe was interrupted", started);
    } catch (RuntimeException e) {
      return result(Accelerator.TCG, "KVM could not start a guest: " + e.getMessage(), started);
    } finally {
      cleanUp(name, overlayName, serialLog);
    }
  }

  private void cleanUp(String name, String overlayName, Path serialLog) {
    try {
      hypervisor.undefine(name);
      volumes.delete(StoragePool.OVERLAYS, overlayName);
      Files.deleteIfExists(serialLog);
    } catch (RuntimeException | IOException e) {
      // The orphan sweep removes a portal-marked domain and overlay nobody owns.
      LOG.log(Level.WARNING, "Could not remove the KVM probe " + name, e);
    }
  }

  private static String read(Path log) {
    try {
      return Files.isRegularFile(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static Result result(Accelerator accelerator, String reason, long started) {
    return new Result(accelerator, reason, (System.nanoTime() - started) / 1_000_000);
  }
}

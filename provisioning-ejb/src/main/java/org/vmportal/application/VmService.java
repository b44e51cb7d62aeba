package org.vmportal.application;

import java.time.Instant;
import java.util.List;

/**
 * A guest's VMs: created in well under a second as a qcow2 overlay on a sealed base image, then
 * driven through their life cycle. Every operation checks that the VM belongs to the actor (or the
 * actor is a platform admin, which is audited); a VM of another user or tenant is answered with
 * {@link PortalException.Kind#NOT_FOUND}, whatever id is sent. Operations on one VM are serialised;
 * different VMs proceed in parallel.
 */
public interface VmService {

  /**
   * The sealed base images the actor may create VMs from.
   *
   * @param actor who asks
   * @return the catalog, by name
   */
  List<CatalogEntry> catalog(Actor actor);

  /**
   * Creates and starts a VM: quota checked atomically, overlay created, domain defined and started.
   *
   * @param actor the future owner
   * @param request the base image, the name and the size
   * @return the new VM, RUNNING (or ERROR with a reason if it could not start)
   * @throws PortalException when refused (quota, name, image); nothing is left behind
   */
  VmView create(Actor actor, CreateVmRequest request);

  /**
   * The actor's own VMs, newest first.
   *
   * @param actor the owner
   * @return the VMs
   */
  List<VmView> listOwn(Actor actor);

  /**
   * One VM.
   *
   * @param actor its owner, or a platform admin
   * @param vmId the VM
   * @return the VM
   */
  VmView get(Actor actor, long vmId);

  /**
   * Starts a stopped VM, or resumes a hibernated one from its saved memory.
   *
   * @param actor its owner, or a platform admin
   * @param vmId the VM
   * @return the VM after the change
   */
  VmView start(Actor actor, long vmId);

  /**
   * Asks the guest to shut down (ACPI) and forces it off after the configured timeout.
   *
   * @param actor its owner, or a platform admin
   * @param vmId the VM
   * @return the VM after the change
   */
  VmView stop(Actor actor, long vmId);

  /**
   * Freezes a running VM's CPUs; its memory stays.
   *
   * @param actor its owner, or a platform admin
   * @param vmId the VM
   * @return the VM after the change
   */
  VmView pause(Actor actor, long vmId);

  /**
   * Lets a paused VM run again.
   *
   * @param actor its owner, or a platform admin
   * @param vmId the VM
   * @return the VM after the change
   */
  VmView resume(Actor actor, long vmId);

  /**
   * Saves a running or paused VM's memory to disk and frees its host resources (libvirt managed
   * save); {@link #start} resumes it where it was.
   *
   * @param actor its owner, or a platform admin
   * @param vmId the VM
   * @return the VM after the change
   */
  VmView hibernate(Actor actor, long vmId);

  /**
   * Renames a VM; its domain keeps its generated name, so nothing on the hypervisor changes.
   *
   * @param actor the owner or a platform admin
   * @param vmId the VM
   * @param newName 1 to 64 characters, no control characters
   * @return the VM
   * @throws PortalException INVALID for a bad name, NOT_FOUND for another's VM
   */
  VmView rename(Actor actor, long vmId, String newName);

  /**
   * Powers the VM off at once.
   *
   * @param actor its owner, or a platform admin
   * @param vmId the VM
   * @return the VM after the change
   */
  VmView forceStop(Actor actor, long vmId);

  /**
   * Deletes the VM: domain, overlay, snapshots and saved state; the record goes to the audit trail.
   *
   * @param actor its owner, or a platform admin
   * @param vmId the VM
   */
  void wipe(Actor actor, long vmId);

  /**
   * The end of one of the VM's logs.
   *
   * @param actor who asks (the owner, or a platform admin)
   * @param vmId the VM
   * @param source {@code serial} (the serial console's output since the last start) or {@code qemu}
   *     (the emulator's log: start-ups, warnings, why it stopped)
   * @return the log's last part
   */
  VmLog log(Actor actor, long vmId, String source);

  /**
   * A log's end.
   *
   * @param source {@code serial} or {@code qemu}
   * @param text the last part, as plain text
   * @param sizeBytes the whole log's size
   * @param truncated whether the text leaves out the log's start
   */
  record VmLog(String source, String text, long sizeBytes, boolean truncated) {}

  /**
   * What the guest catalog shows of a sealed base image.
   *
   * @param id the base image's id
   * @param name its catalog name
   * @param osName the OS
   * @param osVersion its version
   */
  record CatalogEntry(long id, String name, String osName, String osVersion) {}

  /**
   * What a guest asks for.
   *
   * @param baseImageId the sealed base image
   * @param name the VM's name, as the guest typed it
   * @param vcpus virtual CPUs
   * @param memoryMib memory in MiB
   */
  record CreateVmRequest(long baseImageId, String name, int vcpus, int memoryMib) {}

  /**
   * A VM as pages and the API show it.
   *
   * @param id its id
   * @param name its name
   * @param state CREATING, STOPPED, STARTING, RUNNING, PAUSED, STOPPING, HIBERNATED, ERROR,
   *     DELETING
   * @param stateReason why it is in ERROR, or {@code null}
   * @param baseImageName the OS it runs
   * @param vcpus virtual CPUs
   * @param memoryMib memory in MiB
   * @param owner the owner's username
   * @param createdAt when it was created
   */
  record VmView(
      long id,
      String name,
      String state,
      String stateReason,
      String baseImageName,
      int vcpus,
      int memoryMib,
      String owner,
      Instant createdAt) {}
}

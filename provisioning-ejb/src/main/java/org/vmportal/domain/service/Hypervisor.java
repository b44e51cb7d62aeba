package org.vmportal.domain.service;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * The virtual machines (domains) on one hypervisor host. Every method is safe to call from many
 * threads. Domains the portal defines are marked as the portal's, so that its sweeps never touch
 * anyone else's.
 */
public interface Hypervisor {

  /**
   * The accelerator this host is configured to run guests with.
   *
   * @return the accelerator for new domains
   */
  Accelerator defaultAccelerator();

  /**
   * Defines a persistent domain and starts it. When the start fails, the definition is removed
   * again, so that nothing half-made remains.
   *
   * @param spec the domain
   * @throws HypervisorException when a domain of that name exists, or the hypervisor refuses the
   *     definition or fails to start it
   */
  void defineAndStart(DomainSpec spec);

  /**
   * Defines a persistent domain and starts it paused, before the guest's first instruction: a spare
   * that {@link #takeSpare} later lets run. When the start fails, the definition is removed again.
   *
   * @param spec the domain, usually with {@link DomainSpec#hostnameFromMedium()}
   * @throws HypervisorException as {@link #defineAndStart}
   */
  void defineSpare(DomainSpec spec);

  /**
   * Lets a spare run as the VM it became: its definition becomes {@code spec} (what every later
   * boot uses), its title {@code spec}'s at once, {@code spec}'s host name is written onto a medium
   * that goes into its empty drive (where the guest reads its name on this first boot), and its
   * virtual CPUs start.
   *
   * @param spec the VM's domain, of the spare's name, with a host name
   * @param hostnameMedium where on the host the medium is written; it must stay while the domain
   *     exists (a saved or snapshotted domain resumes with it)
   * @throws HypervisorException when the domain is absent or not paused, the medium cannot be
   *     written, or libvirt refuses a step
   */
  void takeSpare(DomainSpec spec, Path hostnameMedium);

  /**
   * Starts a defined domain that is shut off. When it was hibernated, it resumes from its saved
   * state, which is then removed. Not an error when it is already running or paused.
   *
   * @param name the domain name
   * @throws HypervisorException when no such domain exists or it cannot start
   */
  void start(String name);

  /**
   * Asks the guest to shut down (an ACPI power-button press) and returns at once. A guest may take
   * its time or ignore the request: callers that need it off wait for {@link DomainState#SHUTOFF}
   * and then {@link #destroy(String)}. Not an error when the domain is off or absent.
   *
   * @param name the domain name
   * @throws HypervisorException when the hypervisor fails
   */
  void shutdown(String name);

  /**
   * Stops a running domain's virtual CPUs; its memory stays allocated. Not an error when it is
   * already paused.
   *
   * @param name the domain name
   * @throws HypervisorException when no such domain exists or it is not running
   */
  void pause(String name);

  /**
   * Lets a paused domain run again. Not an error when it is already running.
   *
   * @param name the domain name
   * @throws HypervisorException when no such domain exists or it is shut off
   */
  void resume(String name);

  /**
   * Saves a running or paused domain's memory to the host's disk and stops it, freeing its memory;
   * {@link #start(String)} resumes it where it was. Not an error when it is already hibernated.
   *
   * @param name the domain name
   * @throws HypervisorException when no such domain exists, it is shut off without a saved state,
   *     or saving fails
   */
  void hibernate(String name);

  /**
   * Whether a domain was hibernated and has not been started since.
   *
   * @param name the domain name
   * @return {@code true} when it has a saved state; {@code false} also when it is absent
   * @throws HypervisorException when the hypervisor fails
   */
  boolean hasSavedState(String name);

  /**
   * A domain's current state.
   *
   * @param name the domain name
   * @return its state, {@link DomainState#ABSENT} when no such domain exists
   * @throws HypervisorException when the hypervisor fails
   */
  DomainState state(String name);

  /**
   * Powers a domain off at once, like pulling the plug; the definition stays. Not an error when the
   * domain is already off or absent.
   *
   * @param name the domain name
   * @throws HypervisorException when the hypervisor fails
   */
  void destroy(String name);

  /**
   * Removes a domain's definition together with its managed-save image and snapshot metadata. A
   * running domain is powered off first, so that no unmanaged guest keeps running. Not an error
   * when the domain is absent. Disk volumes are untouched.
   *
   * @param name the domain name
   * @throws HypervisorException when the hypervisor fails
   */
  void undefine(String name);

  /**
   * The TCP port of a running domain's VNC console (on 127.0.0.1).
   *
   * @param name the domain name
   * @return the port, or empty when the domain is absent, not running or has no VNC port yet
   * @throws HypervisorException when the hypervisor fails
   */
  OptionalInt vncPort(String name);

  /**
   * Moves a shut-off domain's serial console to another TCP port (on its next start).
   *
   * @param name the domain name
   * @param port the new port
   * @throws HypervisorException when no such domain exists or the hypervisor refuses the change
   */
  void moveSerialPort(String name, int port);

  /**
   * The files behind the domain's disks (not its CD-ROMs): what tells one installation's domains
   * from another's on a shared host.
   *
   * @param name the domain name
   * @return absolute paths; empty when the domain does not exist
   * @throws HypervisorException when the hypervisor fails
   */
  List<String> diskPaths(String name);

  /**
   * Every domain on the host, running or not, the portal's and anyone else's.
   *
   * @return domain names
   * @throws HypervisorException when the hypervisor fails
   */
  List<String> listDomainNames();

  /**
   * Whether a domain carries the portal's ownership mark.
   *
   * @param name the domain name
   * @return {@code true} when it exists and the portal defined it
   * @throws HypervisorException when the hypervisor fails
   */
  boolean isPortalDomain(String name);

  /**
   * The state of every domain that carries the portal's mark, in one call: what a reconciler polls.
   *
   * @return states by domain name
   * @throws HypervisorException when the hypervisor fails
   */
  Map<String, DomainState> states();

  /**
   * Where the hypervisor logs the domain's emulator (QEMU's command line, warnings, why it died).
   * The file may not exist yet; libvirt's log daemon caps and rotates it ({@code .0}, {@code .1},
   * …).
   *
   * @param name the domain
   * @return the log file's path
   */
  Path logFile(String name);

  /**
   * Takes an internal snapshot of the domain's disks, with the guest's memory when it runs.
   *
   * @param name the domain
   * @param snapshotName the snapshot's name in libvirt
   */
  void createSnapshot(String name, String snapshotName);

  /**
   * Returns the domain to a snapshot: running from the saved memory if the snapshot has it,
   * otherwise shut off with the snapshot's disk.
   *
   * @param name the domain
   * @param snapshotName the snapshot
   */
  void revertToSnapshot(String name, String snapshotName);

  /**
   * Deletes a snapshot; a missing one counts as deleted.
   *
   * @param name the domain
   * @param snapshotName the snapshot
   */
  void deleteSnapshot(String name, String snapshotName);

  /**
   * The domain's snapshots.
   *
   * @param name the domain
   * @return their names; empty when the domain does not exist
   */
  List<String> snapshotNames(String name);

  /**
   * Subscribes to the state changes of every domain on the host, the portal's and anyone else's
   * (callers ignore names they do not know). Events arrive in order on one thread of the
   * subscription's own, never on the caller's; a listener that throws is logged and keeps its
   * subscription. Events are a fast path, not a guarantee: while the hypervisor connection is down
   * they are lost, so a reconciler still polls {@link #states()}.
   *
   * @param listener what to call for each event
   * @return the subscription; closing it stops the events
   * @throws HypervisorException when the hypervisor refuses the subscription
   */
  Subscription onLifecycleEvent(Consumer<DomainLifecycleEvent> listener);

  /** A subscription to hypervisor events, ended by {@link #close()}. */
  interface Subscription extends AutoCloseable {

    /** Ends the subscription; events already under way may still arrive. Idempotent. */
    @Override
    void close();
  }
}

package org.vmportal.domain.service;

import java.util.List;
import java.util.OptionalInt;

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
}

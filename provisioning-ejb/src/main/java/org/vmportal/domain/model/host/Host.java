package org.vmportal.domain.model.host;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A libvirt host: its URI and the capacity it offers to VMs. A drained host keeps its VMs but gets
 * no new ones.
 */
@Entity
@Table(name = "hosts")
public class Host {

  /** The host the portal runs beside; its URI is the portal's own libvirt URI setting. */
  public static final String LOCAL = "local";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, updatable = false, length = 128)
  private String name;

  @Column(nullable = false, updatable = false, length = 255)
  private String uri;

  @Column(name = "max_vcpus", nullable = false)
  private int maxVcpus;

  @Column(name = "max_memory_mib", nullable = false)
  private long maxMemoryMib;

  @Column(nullable = false)
  private boolean drained;

  @Column(name = "console_address", nullable = false, updatable = false, length = 255)
  private String consoleAddress;

  protected Host() {}

  /**
   * A new host.
   *
   * @param name how admins call it
   * @param uri its libvirt URI
   * @param maxVcpus the vCPUs it offers to VMs
   * @param maxMemoryMib the memory it offers to VMs
   * @param consoleAddress where guacd reaches its VMs' VNC and serial ports
   */
  public Host(String name, String uri, int maxVcpus, long maxMemoryMib, String consoleAddress) {
    this.name = name;
    this.uri = uri;
    this.maxVcpus = maxVcpus;
    this.maxMemoryMib = maxMemoryMib;
    this.consoleAddress = consoleAddress;
  }

  /**
   * Drains the host, or opens it to new VMs again.
   *
   * @param drained whether it should get no new VMs
   */
  public void setDrained(boolean drained) {
    this.drained = drained;
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getUri() {
    return uri;
  }

  public int getMaxVcpus() {
    return maxVcpus;
  }

  public long getMaxMemoryMib() {
    return maxMemoryMib;
  }

  public boolean isDrained() {
    return drained;
  }

  public String getConsoleAddress() {
    return consoleAddress;
  }
}

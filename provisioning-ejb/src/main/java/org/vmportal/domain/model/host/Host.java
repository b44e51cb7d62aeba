package org.vmportal.domain.model.host;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A libvirt host: its URI and the capacity it offers to VMs. A drained host keeps its VMs but gets
 * no new ones.
 */
@Entity
@Table(name = "hosts")
public class Host {

  @Id private Long id;

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

  protected Host() {}

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
}

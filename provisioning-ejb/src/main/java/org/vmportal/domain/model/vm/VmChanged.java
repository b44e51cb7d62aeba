package org.vmportal.domain.model.vm;

/**
 * Published (as a CDI event) whenever a VM's row is stored or removed, from whatever changed it: a
 * guest's action, a libvirt event, a timer. The push layer relays it after the transaction commits,
 * so that open pages show the change without a reload. It names the owner and tenant so a relay can
 * tell exactly who may hear of it.
 *
 * @param vmId the VM
 * @param tenantId its tenant
 * @param ownerId its owner
 * @param state its state after the change, or {@code null} when it was removed
 */
public record VmChanged(long vmId, long tenantId, long ownerId, VmState state) {}

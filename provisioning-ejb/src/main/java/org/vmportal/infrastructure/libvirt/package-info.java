/**
 * The libvirt adapter: the {@code VolumeStore} and {@code Hypervisor} ports implemented with
 * libvirt-java over one shared connection, whose {@code LibvirtException}s never leave this
 * package. {@link org.vmportal.infrastructure.libvirt.LibvirtConfiguration} wires it for CDI.
 */
package org.vmportal.infrastructure.libvirt;

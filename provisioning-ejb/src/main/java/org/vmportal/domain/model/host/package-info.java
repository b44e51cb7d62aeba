/** The libvirt hosts VMs run on: capacity, and whether they take new VMs. */
package org.vmportal.domain.model.host;

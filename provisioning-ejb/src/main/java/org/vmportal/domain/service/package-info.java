/**
 * Ports to what lies outside the portal's own database: disk volumes and the hypervisor. The
 * infrastructure layer implements them; nothing here names libvirt types.
 */
package org.vmportal.domain.service;

/** Virtual machines: a guest's qcow2 overlay on a sealed base image, run as a libvirt domain. */
package org.vmportal.domain.model.vm;

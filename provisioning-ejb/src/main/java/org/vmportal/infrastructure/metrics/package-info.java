/** Measures the host the portal runs on, from Linux's {@code /proc} and the storage file system. */
package org.vmportal.infrastructure.metrics;

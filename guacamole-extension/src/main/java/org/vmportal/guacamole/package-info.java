/**
 * The VM Portal extension for Apache Guacamole: its authentication provider, the service behind it,
 * and the audit log it writes.
 */
package org.vmportal.guacamole;

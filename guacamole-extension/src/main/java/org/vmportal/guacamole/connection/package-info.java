/**
 * VM consoles as Guacamole connections: their names and links, the live directory of a user's VMs,
 * and tunnels to guacd that end when the console must.
 */
package org.vmportal.guacamole.connection;

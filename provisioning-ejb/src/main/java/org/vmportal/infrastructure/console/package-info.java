/** Console access: wires the ticket and console directory shared with the Guacamole extension. */
package org.vmportal.infrastructure.console;

/** The extension's settings from {@code guacamole.properties}, and its database connection. */
package org.vmportal.guacamole.conf;

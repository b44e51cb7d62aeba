/**
 * The built-in console: a Jakarta WebSocket tunnel from guacamole-common-js in the browser to
 * guacd, opened by single-use tickets, and the registry of open consoles that ends them when they
 * must end.
 */
package org.vmportal.interfaces.console;

/** The console tab: one VM's desktop or serial terminal, in its own browser tab. */
package org.vmportal.interfaces.web.console;

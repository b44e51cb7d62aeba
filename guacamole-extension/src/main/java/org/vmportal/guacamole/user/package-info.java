/** Who is signed in through the extension, and the consoles each user's context holds. */
package org.vmportal.guacamole.user;

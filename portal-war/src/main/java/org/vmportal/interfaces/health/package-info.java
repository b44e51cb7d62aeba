/** The health endpoint that the stack script and load balancers poll. */
package org.vmportal.interfaces.health;

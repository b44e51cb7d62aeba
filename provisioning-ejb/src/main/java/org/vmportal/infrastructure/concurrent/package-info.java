/** Threads of the portal's own, for work that must run outside the container's call contexts. */
package org.vmportal.infrastructure.concurrent;

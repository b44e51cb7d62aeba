/**
 * Entry points that no person triggers: start-up seeding and EJB timers. Each bean only delegates
 * to an application service.
 */
package org.vmportal.interfaces.scheduling;

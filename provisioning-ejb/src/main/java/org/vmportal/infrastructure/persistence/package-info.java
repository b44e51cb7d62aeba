/** The portal's data source and the Flyway migration that prepares it at start-up. */
package org.vmportal.infrastructure.persistence;

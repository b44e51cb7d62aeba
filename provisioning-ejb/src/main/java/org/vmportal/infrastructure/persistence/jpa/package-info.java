/** JPA implementations of the domain repositories. */
package org.vmportal.infrastructure.persistence.jpa;

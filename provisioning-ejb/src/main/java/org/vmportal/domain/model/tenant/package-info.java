/** Tenants and their members: who may own resources, and under which role. */
package org.vmportal.domain.model.tenant;

/**
 * Keycloak's admin REST API behind the {@link org.vmportal.domain.service.IdentityDirectory} port,
 * spoken with the JDK's HTTP client and Jakarta JSON Processing (keycloak-admin-client's RESTEasy
 * cannot share Payara's Jersey; see docs/tenancy.md).
 */
package org.vmportal.infrastructure.keycloak;

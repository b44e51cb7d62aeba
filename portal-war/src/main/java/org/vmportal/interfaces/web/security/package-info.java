/** OpenID Connect login against Keycloak, and logout that ends the Keycloak session too. */
package org.vmportal.interfaces.web.security;

/** Stateless EJB implementations of the application services. */
package org.vmportal.application.internal;

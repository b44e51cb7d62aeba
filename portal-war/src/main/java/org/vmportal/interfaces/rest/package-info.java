/**
 * The portal's REST API under {@code /api}, for the pages' own scripts and for API clients. Every
 * resource builds an {@link org.vmportal.application.Actor} from the signed-in session and makes
 * one application call; {@link org.vmportal.interfaces.rest.PortalExceptionMapper} turns refusals
 * into status codes with a message.
 */
package org.vmportal.interfaces.rest;

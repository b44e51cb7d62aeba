/** Use cases of the portal, one interface per service; implementations live in {@code internal}. */
package org.vmportal.application;

/** Measurements of the platform over time: host load samples for the admin charts. */
package org.vmportal.domain.model.metrics;

/** The audit trail: who did what to which resource, when, from where, and with what outcome. */
package org.vmportal.domain.model.audit;

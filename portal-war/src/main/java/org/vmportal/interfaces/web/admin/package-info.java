/** Views of the platform admin dashboard. */
package org.vmportal.interfaces.web.admin;

/** Views of the guest dashboard. */
package org.vmportal.interfaces.web.guest;

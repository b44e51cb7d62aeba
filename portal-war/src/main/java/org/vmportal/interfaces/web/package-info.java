/** Faces views, the sign-in filter and the session's view of who is signed in. */
package org.vmportal.interfaces.web;

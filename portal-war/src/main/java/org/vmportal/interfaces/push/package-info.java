/**
 * Live updates: VM changes relayed to open pages over Faces WebSockets ({@code f:websocket}), so
 * cards and tables change without a reload.
 */
package org.vmportal.interfaces.push;

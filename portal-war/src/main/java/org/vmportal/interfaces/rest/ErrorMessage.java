package org.vmportal.interfaces.rest;

/**
 * The body of every error answer.
 *
 * @param error what went wrong, in words for people
 */
public record ErrorMessage(String error) {}

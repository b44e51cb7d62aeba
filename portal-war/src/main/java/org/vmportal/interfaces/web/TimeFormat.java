package org.vmportal.interfaces.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Formats instants for pages, as {@code #{timeFormat.utc(event.occurredAt)}}: Mojarra's {@code
 * f:convertDateTime} cannot format an {@link Instant} with a pattern.
 */
@Named
@ApplicationScoped
public class TimeFormat {

  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  /**
   * An instant as {@code 2026-11-22 01:53:32}, in UTC.
   *
   * @param instant the instant, may be {@code null}
   * @return the text, or an empty string
   */
  public String utc(Instant instant) {
    return instant == null ? "" : UTC.format(instant);
  }
}

package org.vmportal.interfaces.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Formats values for pages, as {@code #{formats.bytes(iso.sizeBytes)}}. Mojarra's {@code
 * f:convertDateTime} cannot format an {@link Instant} with a pattern, hence {@link #utc}.
 */
@Named
@ApplicationScoped
public class Formats {

  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  /**
   * A byte count in the largest binary unit that keeps it at 1 or more, such as {@code 10.7 MiB}.
   *
   * @param bytes the count
   * @return the text
   */
  public String bytes(long bytes) {
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
  }

  /**
   * A quantity with its unit: {@code 3}, {@code 256 MiB}, or a byte count as {@link #bytes}.
   *
   * @param value the quantity
   * @param unit {@code ""}, a unit such as {@code MiB}, or {@code bytes}
   * @return the text
   */
  public String quantity(long value, String unit) {
    if ("bytes".equals(unit)) {
      return bytes(value);
    }
    return unit == null || unit.isEmpty() ? Long.toString(value) : value + " " + unit;
  }

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

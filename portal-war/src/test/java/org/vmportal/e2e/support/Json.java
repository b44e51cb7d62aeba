package org.vmportal.e2e.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads single fields out of the API's small JSON answers, and quotes strings for requests. */
public final class Json {

  private Json() {}

  /**
   * The value of a string field as it stands in the JSON (escapes kept), or {@code null}. Scanned,
   * not matched: a regular expression overflows the stack on a long value such as a VM's log.
   */
  public static String string(String json, String field) {
    Matcher key = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*\"").matcher(json);
    if (!key.find()) {
      return null;
    }
    int end = key.end();
    while (end < json.length() && json.charAt(end) != '"') {
      end += json.charAt(end) == '\\' ? 2 : 1;
    }
    return end < json.length() ? json.substring(key.end(), end) : null;
  }

  /** The value of a numeric field, or {@code null} when absent or null. */
  public static Long number(String json, String field) {
    Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(-?\\d+)").matcher(json);
    return m.find() ? Long.parseLong(m.group(1)) : null;
  }

  /** A JSON string literal. */
  public static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}

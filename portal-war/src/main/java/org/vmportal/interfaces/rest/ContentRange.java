package org.vmportal.interfaces.rest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vmportal.application.PortalException;
import org.vmportal.application.PortalException.Kind;

/**
 * A {@code Content-Range: bytes first-last/total} header of an upload chunk.
 *
 * @param first the first byte's offset
 * @param last the last byte's offset (inclusive)
 * @param total the whole file's size
 */
record ContentRange(long first, long last, long total) {

  private static final Pattern FORMAT =
      Pattern.compile("bytes (\\d{1,18})-(\\d{1,18})/(\\d{1,18})");

  /** The chunk's length in bytes. */
  long length() {
    return last - first + 1;
  }

  static ContentRange parse(String header) {
    Matcher m = header == null ? null : FORMAT.matcher(header.strip());
    if (m == null || !m.matches()) {
      throw new PortalException(
          Kind.INVALID, "Each chunk needs a Content-Range header: bytes first-last/total.");
    }
    ContentRange range =
        new ContentRange(
            Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
    if (range.last < range.first || range.last >= range.total) {
      throw new PortalException(Kind.INVALID, "The Content-Range header is not a valid range.");
    }
    return range;
  }
}

package org.vmportal.application.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** The end of a log file, as text a page can show: terminal escape sequences removed. */
final class LogTail {

  /** CSI and OSC sequences (colours, cursor moves, titles) and other lone escapes. */
  private static final Pattern ESCAPES =
      Pattern.compile(
          "\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(\u0007|\u001B\\\\)?|\u001B.");

  private LogTail() {}

  /**
   * The last {@code maxBytes} of a file.
   *
   * @param file the log
   * @param maxBytes at most this much is read
   * @return the text, the file's size, and whether its start was left out
   * @throws IOException when the file exists but cannot be read
   */
  static Tail read(Path file, int maxBytes) throws IOException {
    if (!Files.isRegularFile(file)) {
      return new Tail("", 0, false);
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long size = in.length();
      int length = (int) Math.min(size, maxBytes);
      byte[] bytes = new byte[length];
      in.seek(size - length);
      in.readFully(bytes);
      String text = new String(bytes, StandardCharsets.UTF_8);
      boolean truncated = size > length;
      if (truncated) {
        // Start at a whole line rather than in the middle of one (or of a character).
        int newline = text.indexOf('\n');
        text = newline < 0 ? text : text.substring(newline + 1);
      }
      text = ESCAPES.matcher(text).replaceAll("").replace("\r\n", "\n").replace('\r', '\n');
      return new Tail(text, size, truncated);
    }
  }

  /**
   * What was read.
   *
   * @param text the text
   * @param sizeBytes the file's whole size
   * @param truncated whether the text leaves out the file's start
   */
  record Tail(String text, long sizeBytes, boolean truncated) {}
}

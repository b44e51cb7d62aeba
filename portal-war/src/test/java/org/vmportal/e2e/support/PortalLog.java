package org.vmportal.e2e.support;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The portal's server log ({@code logs/portal.log} in the stack's state folder), from a mark on.
 */
public final class PortalLog {

  private final Path file = Stack.stateDir().resolve("logs/portal.log");
  private final long start;

  private PortalLog() throws IOException {
    start = Files.size(file);
  }

  /**
   * Marks the log's current end.
   *
   * @return the mark
   * @throws IOException when the log cannot be read
   */
  public static PortalLog mark() throws IOException {
    return new PortalLog();
  }

  /**
   * The causes in the SEVERE entries logged since the mark: each entry's message and the lines
   * naming an exception, so that a failed assertion can say why the server failed.
   *
   * @return one line each, or empty
   * @throws UncheckedIOException when the log cannot be read (so that a lazy assertion description
   *     can call it)
   */
  public String severeCauses() {
    String logged;
    try {
      logged = since();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StringBuilder causes = new StringBuilder();
    boolean inSevere = false;
    for (String line : logged.split("\n")) {
      if (line.startsWith("[20")) {
        inSevere = line.contains("SEVERE");
      } else if (inSevere && !line.isBlank() && !line.equals("]]") && !line.startsWith("\t")) {
        causes.append(line.strip()).append('\n');
      }
    }
    return causes.toString();
  }

  /**
   * What the portal logged since the mark.
   *
   * @return the text
   * @throws IOException when the log cannot be read
   */
  public String since() throws IOException {
    try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
      long length = log.length();
      if (length < start) {
        return ""; // rotated: nothing of the mark's file is left to read
      }
      byte[] text = new byte[(int) (length - start)];
      log.seek(start);
      log.readFully(text);
      return new String(text, StandardCharsets.UTF_8);
    }
  }
}

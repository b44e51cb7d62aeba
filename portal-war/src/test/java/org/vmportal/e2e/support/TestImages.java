package org.vmportal.e2e.support;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/** Files for upload tests: unique content each run, so duplicate detection does not interfere. */
public final class TestImages {

  private static final SecureRandom RANDOM = new SecureRandom();

  private TestImages() {}

  /** Random bytes with ISO 9660's "CD001" at 0x8001: what the portal accepts as an ISO. */
  public static byte[] iso(int size) {
    byte[] bytes = new byte[size];
    RANDOM.nextBytes(bytes);
    System.arraycopy("CD001".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0x8001, 5);
    return bytes;
  }

  /** Random bytes without the ISO signature. */
  public static byte[] notIso(int size) {
    byte[] bytes = new byte[size];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}

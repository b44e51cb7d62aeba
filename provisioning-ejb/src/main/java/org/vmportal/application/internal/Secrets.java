package org.vmportal.application.internal;

import java.security.SecureRandom;

/** Random secrets the portal hands to the hypervisor. */
final class Secrets {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

  private Secrets() {}

  /** A VNC password: 8 characters, the most VNC authentication uses. */
  static String vncPassword() {
    char[] password = new char[8];
    for (int i = 0; i < password.length; i++) {
      password[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(password);
  }
}

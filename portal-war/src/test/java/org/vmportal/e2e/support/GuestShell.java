package org.vmportal.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;

/**
 * A demo-OS guest's shell on its serial console, driven the way an operator would: commands typed
 * on the VM's loopback serial port, answers read from the VM's serial log through the portal's API.
 * Commands print markers computed by the shell ({@code $((40+1))}), so the echo of the typed line
 * never matches the answer.
 */
public final class GuestShell {

  /** Generous: TCG guests on a shared 2-core machine boot several times slower under load. */
  public static final Duration BOOT_TIMEOUT = Duration.ofSeconds(180);

  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(90);

  private final ApiClient api;
  private final long vmId;

  private GuestShell(ApiClient api, long vmId) {
    this.api = api;
    this.vmId = vmId;
  }

  /**
   * Waits until the guest shows its shell prompt on the serial console.
   *
   * @param api the owner's API client
   * @param vmId the VM
   * @param hostname the guest's host name (the VM's name, lower case, dashes for the rest)
   * @return the shell
   */
  public static GuestShell awaitPrompt(ApiClient api, long vmId, String hostname) throws Exception {
    GuestShell shell = new GuestShell(api, vmId);
    shell.await("root@" + hostname + ":", BOOT_TIMEOUT);
    return shell;
  }

  /**
   * Types a command line and waits for {@code answer} in the serial log. The telnet session stays
   * open until then: QEMU drops what the UART has not read when the client leaves.
   *
   * @param command the command line
   * @param answer text the command prints
   */
  public void type(String command, String answer) throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), serialPort())) {
      socket.setSoTimeout((int) ANSWER_TIMEOUT.toMillis());
      assertThat(socket.getInputStream().read()).as("telnet IAC").isEqualTo(0xff);
      OutputStream out = socket.getOutputStream();
      out.write((command + "\r").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      await(answer, ANSWER_TIMEOUT);
    }
  }

  private void await(String text, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      last = api.get("vms/" + vmId + "/logs/serial").body();
      if (last.contains(text)) {
        return;
      }
      Thread.sleep(500);
    }
    fail(
        "No \"%s\" on VM %d's serial console within %d s; log: %s",
        text, vmId, timeout.toSeconds(), last);
  }

  private int serialPort() throws Exception {
    try (Connection db = Stack.database();
        PreparedStatement query = db.prepareStatement("SELECT serial_port FROM vms WHERE id = ?")) {
      query.setLong(1, vmId);
      try (ResultSet row = query.executeQuery()) {
        assertThat(row.next()).as("VM %d has a row", vmId).isTrue();
        return row.getInt(1);
      }
    }
  }
}

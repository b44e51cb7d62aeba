package org.vmportal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.apache.guacamole.io.GuacamoleReader;
import org.apache.guacamole.net.InetGuacamoleSocket;
import org.apache.guacamole.protocol.GuacamoleInstruction;
import org.junit.jupiter.api.Test;
import org.vmportal.e2e.support.Stack;

/** Each part that {@code ./stack.sh up} starts answers, as the portal will use it. */
class StackSmokeIT {

  @Test
  void mariadbAcceptsThePortalUserAndHoldsTheMigratedSchema() throws Exception {
    try (Connection db = Stack.database();
        Statement statement = db.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = 'vmportal' ORDER BY table_name")) {
      StringBuilder tables = new StringBuilder();
      while (rows.next()) {
        tables.append(rows.getString(1)).append(' ');
      }
      assertThat(tables.toString().split(" "))
          .contains(
              "tenants",
              "users",
              "isos",
              "base_images",
              "vms",
              "snapshots",
              "hosts",
              "audit_events",
              "flyway_schema_history");
    }
  }

  @Test
  void libvirtListsDomains() throws Exception {
    Process virsh =
        new ProcessBuilder("virsh", "-c", "qemu:///system", "list", "--all")
            .redirectErrorStream(true)
            .start();
    assertThat(virsh.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String output = new String(virsh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(virsh.exitValue()).as(output).isZero();
    assertThat(output).contains("Id").contains("Name").contains("State");
  }

  @Test
  void guacdAnswersTheProtocolHandshake() throws Exception {
    InetGuacamoleSocket socket = new InetGuacamoleSocket("127.0.0.1", Stack.guacdPort());
    try {
      socket.getWriter().writeInstruction(new GuacamoleInstruction("select", "vnc"));
      GuacamoleReader reader = socket.getReader();
      GuacamoleInstruction args = reader.readInstruction();
      assertThat(args.getOpcode()).isEqualTo("args");
      assertThat(args.getArgs()).contains("hostname", "port", "password");
    } finally {
      socket.close();
    }
  }

  @Test
  void keycloakServesTheRealmsDiscoveryDocument() throws Exception {
    HttpResponse<String> response =
        Stack.get(Stack.realmUrl() + "/.well-known/openid-configuration");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("\"issuer\":\"" + Stack.realmUrl() + "\"")
        .contains("\"end_session_endpoint\"");
  }

  @Test
  void portalAnswersItsHealthUrl() throws Exception {
    HttpResponse<String> response = Stack.get(Stack.portalUrl() + "/health");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"database\":\"UP\"", "\"storage\":\"UP\"");
  }
}

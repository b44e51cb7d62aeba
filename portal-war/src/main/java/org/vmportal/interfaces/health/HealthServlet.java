package org.vmportal.interfaces.health;

import jakarta.annotation.Resource;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.vmportal.infrastructure.persistence.SchemaMigration;

/**
 * {@code GET /health}: 200 and {@code UP} while the portal can serve (its database answers), 503
 * and {@code DOWN} otherwise. Public, and says nothing beyond up or down.
 */
@WebServlet("/health")
public class HealthServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final int TIMEOUT_SECONDS = 2;

  @Resource(lookup = SchemaMigration.DATA_SOURCE)
  private transient DataSource dataSource;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    boolean databaseUp = databaseAnswers();
    response.setStatus(
        databaseUp ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    response.setContentType("application/json");
    response.setHeader("Cache-Control", "no-store");
    String state = databaseUp ? "UP" : "DOWN";
    response
        .getWriter()
        .write("{\"status\":\"" + state + "\",\"checks\":{\"database\":\"" + state + "\"}}");
  }

  private boolean databaseAnswers() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(TIMEOUT_SECONDS);
    } catch (SQLException e) {
      log("Health check: database unreachable: " + e.getMessage());
      return false;
    }
  }
}

package org.vmportal.interfaces.health;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.vmportal.domain.service.StorageException;
import org.vmportal.domain.service.StoragePool;
import org.vmportal.domain.service.VolumeStore;
import org.vmportal.infrastructure.persistence.SchemaMigration;

/**
 * {@code GET /health}: 200 and {@code UP} while the portal can serve (its database answers and its
 * storage pools are running), 503 and {@code DOWN} otherwise. Public, and says nothing beyond up or
 * down per check; the reason goes to the server log.
 */
@WebServlet("/health")
public class HealthServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final int TIMEOUT_SECONDS = 2;
  private static final String HEALTH_PROBE_VOLUME = "health-probe";

  @Resource(lookup = SchemaMigration.DATA_SOURCE)
  private transient DataSource dataSource;

  @Inject private transient VolumeStore volumeStore;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    boolean databaseUp = databaseAnswers();
    boolean storageUp = storageAnswers();
    boolean up = databaseUp && storageUp;
    response.setStatus(up ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    response.setContentType("application/json");
    response.setHeader("Cache-Control", "no-store");
    response
        .getWriter()
        .write(
            "{\"status\":\""
                + state(up)
                + "\",\"checks\":{\"database\":\""
                + state(databaseUp)
                + "\",\"storage\":\""
                + state(storageUp)
                + "\"}}");
  }

  private static String state(boolean up) {
    return up ? "UP" : "DOWN";
  }

  private boolean databaseAnswers() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(TIMEOUT_SECONDS);
    } catch (SQLException e) {
      log("Health check: database unreachable: " + e.getMessage());
      return false;
    }
  }

  /**
   * Looking a volume up in each pool sets a missing or stopped pool up again, so this also heals a
   * restarted libvirtd; unlike a refresh, a lookup is allowed while a volume is being created.
   */
  private boolean storageAnswers() {
    try {
      for (StoragePool pool : StoragePool.values()) {
        volumeStore.find(pool, HEALTH_PROBE_VOLUME);
      }
      return true;
    } catch (StorageException e) {
      log("Health check: storage not ready: " + e.getMessage());
      return false;
    }
  }
}

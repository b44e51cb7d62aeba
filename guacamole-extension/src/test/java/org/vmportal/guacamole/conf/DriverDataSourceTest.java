package org.vmportal.guacamole.conf;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DriverDataSourceTest {

  @Test
  void withoutADriverTheErrorSaysWhereTheDriverJarGoes() {
    // This module's test class path has no JDBC driver, like a GUACAMOLE_HOME/lib left empty.
    DriverDataSource dataSource =
        new DriverDataSource("jdbc:mysql://127.0.0.1:1/vmportal", "vmportal", "x");
    assertThatThrownBy(dataSource::getConnection)
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("No JDBC driver accepts jdbc:mysql://127.0.0.1:1/vmportal")
        .hasMessageContaining("GUACAMOLE_HOME/lib")
        .hasMessageNotContaining("x.");
  }
}

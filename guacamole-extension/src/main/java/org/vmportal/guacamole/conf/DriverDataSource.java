package org.vmportal.guacamole.conf;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A small, unpooled {@link DataSource} over the JDBC driver that accepts the URL: each {@link
 * #getConnection()} opens a new connection (a few milliseconds on a local network; the extension
 * reads at most a couple of times a second per session).
 *
 * <p>The driver is found through {@link ServiceLoader} on this extension's class loader, whose
 * parent in Guacamole is the loader of {@code GUACAMOLE_HOME/lib}; that is where the MySQL (or
 * MariaDB) driver jar goes. {@link DriverManager} alone would not do: it registers drivers found by
 * the web app's class loader, which does not see {@code GUACAMOLE_HOME/lib}.
 */
public class DriverDataSource implements DataSource {

  private final String url;
  private final Properties login = new Properties();
  private volatile Driver driver;

  /**
   * A data source for one database and user.
   *
   * @param url the JDBC URL
   * @param username the user
   * @param password the password
   */
  public DriverDataSource(String url, String username, String password) {
    this.url = Objects.requireNonNull(url, "url");
    login.setProperty("user", Objects.requireNonNull(username, "username"));
    login.setProperty("password", Objects.requireNonNull(password, "password"));
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection connection = driver().connect(url, login);
    if (connection == null) {
      throw new SQLException("The JDBC driver refused the URL " + url);
    }
    return connection;
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("The VM Portal extension uses one database user");
  }

  private Driver driver() throws SQLException {
    Driver found = driver;
    if (found == null) {
      found = findDriver();
      driver = found;
    }
    return found;
  }

  private Driver findDriver() throws SQLException {
    for (Driver candidate :
        ServiceLoader.load(Driver.class, DriverDataSource.class.getClassLoader())) {
      if (candidate.acceptsURL(url)) {
        return candidate;
      }
    }
    try {
      return DriverManager.getDriver(url);
    } catch (SQLException e) {
      throw new SQLException(
          "No JDBC driver accepts "
              + url
              + ". Put the MySQL Connector/J (or MariaDB Connector/J) jar into GUACAMOLE_HOME/lib"
              + " and restart Guacamole.",
          e);
    }
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    // Nothing is logged through a DataSource log writer.
  }

  @Override
  public void setLoginTimeout(int seconds) {
    // The driver's own connect timeout applies.
  }

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("No java.util.logging here");
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("Not a wrapper for " + type.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}

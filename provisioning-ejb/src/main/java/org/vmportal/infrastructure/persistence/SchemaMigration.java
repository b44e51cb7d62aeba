package org.vmportal.infrastructure.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Defines the portal's data source and brings its schema up to date with the Flyway migrations of
 * the {@code db} module before anything else uses it. The connection comes from the environment
 * ({@code PORTAL_DB_URL}, {@code PORTAL_DB_USER}, {@code PORTAL_DB_PASSWORD}), defaulting to the
 * local stack.
 */
@DataSourceDefinition(
    name = SchemaMigration.DATA_SOURCE,
    className = "com.mysql.cj.jdbc.MysqlDataSource",
    url = "${ENV=PORTAL_DB_URL:jdbc:mysql://127.0.0.1:3306/vmportal}",
    user = "${ENV=PORTAL_DB_USER:vmportal}",
    password = "${ENV=PORTAL_DB_PASSWORD:vmportal}",
    minPoolSize = 2,
    maxPoolSize = 32)
@Startup
@Singleton
public class SchemaMigration {

  /** JNDI name of the portal's data source; the persistence unit uses it too. */
  public static final String DATA_SOURCE = "java:app/jdbc/portal";

  private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

  @Resource(lookup = DATA_SOURCE)
  private DataSource dataSource;

  /** Flyway commits DDL on its own connection, so it runs outside any container transaction. */
  @PostConstruct
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void migrate() {
    MigrateResult result =
        Flyway.configure(SchemaMigration.class.getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .load()
            .migrate();
    LOG.log(
        Level.INFO,
        "Schema at version {0}; {1} migration(s) applied",
        new Object[] {result.targetSchemaVersion, result.migrationsExecuted});
  }
}

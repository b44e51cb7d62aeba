package org.vmportal.application.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ejb.EJBException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import org.junit.jupiter.api.Test;

/** Which failed admissions the provisioner runs again. */
class VmProvisionerTest {

  @Test
  void anAdmissionTheDatabaseRolledBackIsRunAgain() {
    // How the container hands a deadlocked admission back: its cause chain ends in the driver's
    // rollback exception (MySQLTransactionRollbackException is one).
    EJBException deadlocked =
        new EJBException(
            new PersistenceException(
                "EclipseLink-4002",
                new SQLTransactionRollbackException(
                    "Deadlock found when trying to get lock", "40001", 1213)));

    assertThat(VmProvisioner.rolledBackByDatabase(deadlocked)).isTrue();
  }

  @Test
  void otherFailuresAreNotRunAgain() {
    EJBException broken =
        new EJBException(
            new PersistenceException(
                "EclipseLink-4002", new SQLException("Table 'vms' doesn't exist", "42S02", 1146)));

    assertThat(VmProvisioner.rolledBackByDatabase(broken)).isFalse();
    assertThat(VmProvisioner.rolledBackByDatabase(new EJBException("no cause"))).isFalse();
  }
}

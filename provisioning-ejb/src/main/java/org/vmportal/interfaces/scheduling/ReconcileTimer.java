package org.vmportal.interfaces.scheduling;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import org.vmportal.application.ReconciliationService;

/**
 * The safety net under libvirt's events: compares every running VM with its domain. Not persistent:
 * a missed run is simply the next one.
 */
@Singleton
public class ReconcileTimer {

  @Inject private ReconciliationService reconciliation;

  // Every 10 seconds: a crash missed by the events is marked within that.
  @Schedule(second = "*/10", minute = "*", hour = "*", persistent = false)
  void reconcile() {
    reconciliation.reconcile();
  }
}

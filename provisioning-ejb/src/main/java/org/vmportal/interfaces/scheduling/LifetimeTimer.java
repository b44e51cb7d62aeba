package org.vmportal.interfaces.scheduling;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import org.vmportal.application.LifetimeService;

/** Idle hibernation and expiry, every 30 seconds. Not persistent: a missed run is the next one. */
@Singleton
public class LifetimeTimer {

  @Inject private LifetimeService lifetime;

  @Schedule(second = "*/30", minute = "*", hour = "*", persistent = false)
  void apply() {
    lifetime.apply();
  }
}

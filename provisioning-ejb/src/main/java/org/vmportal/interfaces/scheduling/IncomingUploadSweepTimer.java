package org.vmportal.interfaces.scheduling;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.vmportal.application.UploadService;

/**
 * Discards uploads nobody continued, and files a stopped portal left in the incoming folder. Not
 * persistent: a missed run is simply the next one.
 */
@Singleton
public class IncomingUploadSweepTimer {

  private static final Logger LOG = Logger.getLogger(IncomingUploadSweepTimer.class.getName());

  @Inject private UploadService uploads;

  // Every 15 minutes; uploads idle for portal.upload.idle-minutes (60) are discarded.
  @Schedule(minute = "*/15", hour = "*", persistent = false)
  void sweep() {
    int discarded = uploads.discardAbandoned();
    if (discarded > 0) {
      LOG.info("Discarded " + discarded + " abandoned upload(s)");
    }
  }
}

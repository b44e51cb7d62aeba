package org.vmportal.domain.model.vm;

import java.util.List;
import java.util.Optional;
import org.vmportal.domain.service.Accelerator;

/** Where spares are kept. */
public interface SpareVmRepository {

  /**
   * Every spare, ready or being made, oldest first.
   *
   * @return the spares
   */
  List<SpareVm> findAll();

  /**
   * Takes a ready spare of the image and shape on the host: its row is deleted in the caller's
   * transaction, and a spare another transaction is taking is skipped, never waited for.
   *
   * @param hostId the host
   * @param baseImageId the base image
   * @param vcpus virtual CPUs
   * @param memoryMib memory
   * @param accelerator what the host runs new guests with; a spare started otherwise is left
   * @return the spare taken, or empty when there is none
   */
  Optional<SpareVm> take(
      long hostId, long baseImageId, int vcpus, int memoryMib, Accelerator accelerator);

  /**
   * Stores a new spare (not ready yet).
   *
   * @param spare the spare
   * @return the stored spare
   */
  SpareVm store(SpareVm spare);

  /**
   * Marks a spare ready to be taken.
   *
   * @param spareId the spare
   * @return whether its row still exists
   */
  boolean markReady(long spareId);

  /**
   * Deletes a spare's row, unless a create took it first.
   *
   * @param spareId the spare
   * @return whether this call deleted it (so the caller now owns its domain and overlay)
   */
  boolean remove(long spareId);
}

package org.vmportal.application;

import java.util.Collection;
import java.util.List;
import org.vmportal.domain.model.vm.VmListing.VmOrder;
import org.vmportal.domain.model.vm.VmListing.VmRow;
import org.vmportal.domain.model.vm.VmListing.VmSearch;

/**
 * Every VM across tenants, for platform admins: a list filtered, sorted and paged in the database,
 * and bulk operations that go through {@link VmService} one VM at a time, so each is locked,
 * checked and audited as if done alone.
 */
public interface AdminVmService {

  /**
   * One page of VMs.
   *
   * @param actor a platform admin
   * @param search what to keep
   * @param order how to sort
   * @param first the first row's offset
   * @param max how many rows, at most 200
   * @return the rows
   * @throws PortalException FORBIDDEN for anyone but a platform admin
   */
  List<VmRow> find(Actor actor, VmSearch search, VmOrder order, int first, int max);

  /**
   * How many VMs the search keeps.
   *
   * @param actor a platform admin
   * @param search what to keep
   * @return the count
   * @throws PortalException FORBIDDEN for anyone but a platform admin
   */
  long count(Actor actor, VmSearch search);

  /**
   * Powers the VMs off at once; VMs already off are skipped and named in the result.
   *
   * @param actor a platform admin
   * @param vmIds the VMs
   * @return what was done and what was not
   */
  BulkResult forceStop(Actor actor, Collection<Long> vmIds);

  /**
   * Wipes the VMs.
   *
   * @param actor a platform admin
   * @param vmIds the VMs
   * @return what was done and what was not
   */
  BulkResult wipe(Actor actor, Collection<Long> vmIds);

  /**
   * The outcome of a bulk operation.
   *
   * @param done how many VMs it changed
   * @param refusals for each VM it did not change, why, in the services' words
   */
  record BulkResult(int done, List<String> refusals) {}
}

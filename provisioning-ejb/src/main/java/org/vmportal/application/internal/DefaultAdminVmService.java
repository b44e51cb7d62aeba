package org.vmportal.application.internal;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.LongConsumer;
import org.vmportal.application.Actor;
import org.vmportal.application.AdminVmService;
import org.vmportal.application.PortalException;
import org.vmportal.application.VmService;
import org.vmportal.domain.model.vm.VmListing;
import org.vmportal.domain.model.vm.VmListing.VmOrder;
import org.vmportal.domain.model.vm.VmListing.VmRow;
import org.vmportal.domain.model.vm.VmListing.VmSearch;

/**
 * Reads the list from {@link VmListing}; bulk operations run outside a transaction, like {@link
 * VmService}'s own, one VM after the other.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DefaultAdminVmService implements AdminVmService {

  private static final String ADMINS_ONLY = "Only platform admins see every VM.";

  private static final int MAX_PAGE = 200;

  @Inject private VmListing listing;
  @Inject private VmService vmService;

  @Override
  public List<VmRow> find(Actor actor, VmSearch search, VmOrder order, int first, int max) {
    actor.requirePlatformAdmin(ADMINS_ONLY);
    return listing.find(search, order, first, Math.min(max, MAX_PAGE));
  }

  @Override
  public long count(Actor actor, VmSearch search) {
    actor.requirePlatformAdmin(ADMINS_ONLY);
    return listing.count(search);
  }

  @Override
  public BulkResult forceStop(Actor actor, Collection<Long> vmIds) {
    return each(actor, vmIds, id -> vmService.forceStop(actor, id));
  }

  @Override
  public BulkResult wipe(Actor actor, Collection<Long> vmIds) {
    return each(actor, vmIds, id -> vmService.wipe(actor, id));
  }

  private BulkResult each(Actor actor, Collection<Long> vmIds, LongConsumer operation) {
    actor.requirePlatformAdmin(ADMINS_ONLY);
    int done = 0;
    List<String> refusals = new ArrayList<>();
    for (long id : vmIds) {
      try {
        operation.accept(id);
        done++;
      } catch (PortalException e) {
        refusals.add(e.getMessage());
      }
    }
    return new BulkResult(done, refusals);
  }
}

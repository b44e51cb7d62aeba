package org.vmportal.application.internal;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.vmportal.application.AdminOverviewService;
import org.vmportal.domain.model.audit.AuditRepository;
import org.vmportal.domain.model.image.BaseImageRepository;
import org.vmportal.domain.model.image.IsoRepository;
import org.vmportal.domain.model.tenant.PortalUserRepository;
import org.vmportal.domain.model.tenant.TenantRepository;
import org.vmportal.domain.model.vm.VmListing;

/** Reads the admin overview from the repositories. */
@Stateless
public class DefaultAdminOverviewService implements AdminOverviewService {

  @Inject private TenantRepository tenants;
  @Inject private PortalUserRepository users;
  @Inject private IsoRepository isos;
  @Inject private BaseImageRepository baseImages;
  @Inject private VmListing vms;
  @Inject private AuditRepository audit;

  @Override
  public Overview overview(int recentEvents) {
    return new Overview(
        tenants.count(),
        users.count(),
        isos.findAll().size(),
        baseImages.findAll().size(),
        vms.countByState(),
        audit.findRecent(recentEvents));
  }
}

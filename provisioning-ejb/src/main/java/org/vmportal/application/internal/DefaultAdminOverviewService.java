package org.vmportal.application.internal;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.vmportal.application.AdminOverviewService;
import org.vmportal.domain.model.audit.AuditRepository;
import org.vmportal.domain.model.tenant.PortalUserRepository;
import org.vmportal.domain.model.tenant.TenantRepository;

/** Reads the admin overview from the repositories. */
@Stateless
public class DefaultAdminOverviewService implements AdminOverviewService {

  @Inject private TenantRepository tenants;
  @Inject private PortalUserRepository users;
  @Inject private AuditRepository audit;

  @Override
  public Overview overview(int recentEvents) {
    return new Overview(tenants.count(), users.count(), audit.findRecent(recentEvents));
  }
}

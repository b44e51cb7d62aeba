package org.vmportal.application.internal;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vmportal.application.Actor;
import org.vmportal.application.IsoCatalogService;
import org.vmportal.application.PortalException;
import org.vmportal.application.PortalException.Kind;
import org.vmportal.domain.model.audit.AuditTarget;
import org.vmportal.domain.model.image.BaseImage;
import org.vmportal.domain.model.image.BaseImageRepository;
import org.vmportal.domain.model.image.Iso;
import org.vmportal.domain.model.image.IsoRepository;
import org.vmportal.domain.model.tenant.PortalUserRepository;
import org.vmportal.domain.model.tenant.Role;
import org.vmportal.domain.service.StoragePool;
import org.vmportal.domain.service.VolumeStore;

/** Lists and deletes ISOs within the actor's scope. */
@Stateless
public class DefaultIsoCatalogService implements IsoCatalogService {

  @Inject private IsoRepository isos;
  @Inject private BaseImageRepository baseImages;
  @Inject private PortalUserRepository users;
  @Inject private VolumeStore volumes;
  @Inject private AuditLog audit;

  @Override
  public List<IsoListing> list(Actor actor) {
    List<Iso> visible = new ArrayList<>(isos.findInScope(null));
    if (actor.isPlatformAdmin()) {
      visible = isos.findAll();
    } else if (actor.tenantId() != null) {
      visible.addAll(0, isos.findInScope(actor.tenantId()));
    }
    Map<Long, String> usernames =
        users.usernames(visible.stream().map(Iso::getUploaderId).filter(Objects::nonNull).toList());
    return visible.stream()
        .map(
            iso ->
                new IsoListing(
                    iso.getId(),
                    iso.getName(),
                    iso.getSizeBytes(),
                    iso.getSha256(),
                    iso.getCreatedAt(),
                    iso.getUploaderId() == null
                        ? "system"
                        : usernames.getOrDefault(iso.getUploaderId(), "?"),
                    iso.isPersonal()))
        .toList();
  }

  @Override
  public void delete(Actor actor, long isoId) {
    AuditTarget target = new AuditTarget("iso", Long.toString(isoId));
    try {
      Iso iso =
          isos.find(isoId)
              .filter(i -> mayDelete(actor, i))
              .orElseThrow(DefaultIsoCatalogService::noSuchIso);
      List<BaseImage> building = baseImages.findBuildingFromIso(isoId);
      if (!building.isEmpty()) {
        throw new PortalException(
            Kind.CONFLICT,
            "\u201c"
                + iso.getName()
                + "\u201d cannot be deleted while the base image \u201c"
                + building.get(0).getName()
                + "\u201d is being built from it.");
      }
      isos.remove(iso);
      volumes.delete(StoragePool.ISOS, iso.getVolumeName());
      audit.success(actor, "ISO_DELETED", target, iso.getName());
    } catch (PortalException e) {
      audit.refused(actor, "ISO_DELETED", target, e.getMessage());
      throw e;
    }
  }

  private static boolean mayDelete(Actor actor, Iso iso) {
    if (actor.isPlatformAdmin()) {
      return true;
    }
    if (!iso.isPersonal() || !iso.getTenantId().equals(actor.tenantId())) {
      return false;
    }
    return actor.role() == Role.TENANT_ADMIN || iso.getUploaderId().equals(actor.userId());
  }

  private static PortalException noSuchIso() {
    return new PortalException(Kind.NOT_FOUND, "There is no such ISO.");
  }
}

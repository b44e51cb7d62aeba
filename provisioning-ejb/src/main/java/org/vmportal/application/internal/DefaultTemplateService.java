package org.vmportal.application.internal;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.vmportal.application.Actor;
import org.vmportal.application.PortalException;
import org.vmportal.application.PortalException.Kind;
import org.vmportal.application.TemplateService;
import org.vmportal.application.VmService;
import org.vmportal.application.VmService.CreateVmRequest;
import org.vmportal.application.VmService.VmView;
import org.vmportal.domain.model.audit.AuditTarget;
import org.vmportal.domain.model.image.BaseImage;
import org.vmportal.domain.model.image.BaseImageRepository;
import org.vmportal.domain.model.tenant.PortalUserRepository;
import org.vmportal.domain.model.tenant.Role;
import org.vmportal.domain.model.vm.VmTemplate;
import org.vmportal.domain.model.vm.VmTemplateRepository;

/** Templates in the database; a VM from one is made by {@link VmService#create}. */
@Stateless
public class DefaultTemplateService implements TemplateService {

  private static final long GIB = 1L << 30;

  @Inject private VmTemplateRepository templates;
  @Inject private BaseImageRepository baseImages;
  @Inject private PortalUserRepository users;
  @Inject private VmService vms;
  @Inject private AuditLog audit;

  @Override
  public List<TemplateView> list(Actor actor) {
    if (actor.tenantId() == null) {
      return List.of();
    }
    List<VmTemplate> found = templates.findByTenant(actor.tenantId());
    Map<Long, String> images =
        baseImages.findAll().stream()
            .collect(Collectors.toMap(BaseImage::getId, BaseImage::getName));
    Map<Long, String> creators =
        users.usernames(found.stream().map(VmTemplate::getCreatedBy).distinct().toList());
    return found.stream()
        .map(
            t ->
                new TemplateView(
                    t.getId(),
                    t.getName(),
                    t.getBaseImageId(),
                    images.getOrDefault(t.getBaseImageId(), "?"),
                    t.getVcpus(),
                    t.getMemoryMib(),
                    t.getDiskGib(),
                    creators.getOrDefault(t.getCreatedBy(), "?")))
        .toList();
  }

  @Override
  public TemplateView save(Actor actor, SaveTemplateRequest request) {
    try {
      if (actor.tenantId() == null || actor.userId() == null) {
        throw new PortalException(Kind.FORBIDDEN, "Only members of a tenant can save templates.");
      }
      if (request == null) {
        throw new PortalException(Kind.INVALID, "Send the name, the OS, the vCPUs and the memory.");
      }
      String name = DisplayNames.checked(request.name(), "template");
      VmProvisioner.checkSize(request.vcpus(), request.memoryMib());
      BaseImage image =
          baseImages
              .find(request.baseImageId())
              .filter(BaseImage::isSealed)
              .orElseThrow(
                  () -> new PortalException(Kind.NOT_FOUND, "There is no such OS in the catalog."));
      if (templates.findByTenant(actor.tenantId()).stream()
          .anyMatch(t -> t.getName().equalsIgnoreCase(name))) {
        throw new PortalException(
            Kind.CONFLICT, "Your tenant already has a template of that name.");
      }
      VmTemplate saved =
          templates.store(
              new VmTemplate(
                  actor.tenantId(),
                  name,
                  image.getId(),
                  request.vcpus(),
                  request.memoryMib(),
                  (int) ((image.getVirtualSizeBytes() + GIB - 1) / GIB),
                  actor.userId(),
                  Instant.now()));
      audit.success(
          actor,
          "TEMPLATE_SAVED",
          target(saved.getId()),
          name
              + " ("
              + image.getName()
              + ", "
              + request.vcpus()
              + " vCPU, "
              + request.memoryMib()
              + " MiB)");
      return list(actor).stream().filter(t -> t.id() == saved.getId()).findFirst().orElseThrow();
    } catch (PortalException e) {
      audit.refused(actor, "TEMPLATE_SAVED", null, e.getMessage());
      throw e;
    }
  }

  @Override
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public VmView createVm(Actor actor, long templateId, String vmName) {
    VmTemplate template;
    try {
      template = visible(actor, templateId);
    } catch (PortalException e) {
      audit.refused(actor, "VM_CREATED", target(templateId), e.getMessage());
      throw e;
    }
    return vms.create(
        actor,
        new CreateVmRequest(
            template.getBaseImageId(), vmName, template.getVcpus(), template.getMemoryMib()));
  }

  @Override
  public void delete(Actor actor, long templateId) {
    try {
      VmTemplate template = visible(actor, templateId);
      boolean mayDelete =
          actor.isPlatformAdmin()
              || actor.role() == Role.TENANT_ADMIN
              || Long.valueOf(template.getCreatedBy()).equals(actor.userId());
      if (!mayDelete) {
        throw new PortalException(
            Kind.FORBIDDEN, "Only whoever saved this template, or a tenant admin, may delete it.");
      }
      templates.remove(template);
      audit.success(actor, "TEMPLATE_DELETED", target(templateId), template.getName());
    } catch (PortalException e) {
      audit.refused(actor, "TEMPLATE_DELETED", target(templateId), e.getMessage());
      throw e;
    }
  }

  /** The template, if it belongs to the actor's tenant (any tenant for a platform admin). */
  private VmTemplate visible(Actor actor, long templateId) {
    return templates
        .find(templateId)
        .filter(
            t -> actor.isPlatformAdmin() || Long.valueOf(t.getTenantId()).equals(actor.tenantId()))
        .orElseThrow(() -> new PortalException(Kind.NOT_FOUND, "There is no such template."));
  }

  private static AuditTarget target(long templateId) {
    return new AuditTarget("template", Long.toString(templateId));
  }
}

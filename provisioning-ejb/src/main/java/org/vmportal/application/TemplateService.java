package org.vmportal.application;

import java.util.List;
import org.vmportal.application.VmService.VmView;

/**
 * Templates: saved VM shapes a tenant's members share, to create VMs from in one step. Members see
 * and use their own tenant's only; the one who saved a template, a tenant admin or a platform admin
 * may delete it.
 */
public interface TemplateService {

  /**
   * The caller's tenant's templates, by name.
   *
   * @param actor who asks
   * @return the templates
   */
  List<TemplateView> list(Actor actor);

  /**
   * Saves a template for the caller's tenant.
   *
   * @param actor who asks
   * @param request name, OS, vCPUs, memory
   * @return the template
   */
  TemplateView save(Actor actor, SaveTemplateRequest request);

  /**
   * Creates and starts a VM of the template's shape.
   *
   * @param actor the new VM's owner
   * @param templateId the template
   * @param vmName the VM's name
   * @return the VM
   */
  VmView createVm(Actor actor, long templateId, String vmName);

  /**
   * Deletes a template; VMs made from it stay.
   *
   * @param actor who asks
   * @param templateId the template
   */
  void delete(Actor actor, long templateId);

  /**
   * A template to save.
   *
   * @param name its name
   * @param baseImageId the OS
   * @param vcpus virtual CPUs
   * @param memoryMib memory in MiB
   */
  record SaveTemplateRequest(String name, long baseImageId, int vcpus, int memoryMib) {}

  /**
   * A template as pages show it.
   *
   * @param id its id
   * @param name its name
   * @param baseImageId the OS
   * @param baseImageName the OS's name
   * @param vcpus virtual CPUs
   * @param memoryMib memory
   * @param diskGib the disk a VM from it gets
   * @param createdBy who saved it
   */
  record TemplateView(
      long id,
      String name,
      long baseImageId,
      String baseImageName,
      int vcpus,
      int memoryMib,
      int diskGib,
      String createdBy) {}
}

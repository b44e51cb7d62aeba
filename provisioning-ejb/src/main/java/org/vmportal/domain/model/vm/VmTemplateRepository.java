package org.vmportal.domain.model.vm;

import java.util.List;
import java.util.Optional;

/** Where templates are kept. */
public interface VmTemplateRepository {

  /**
   * A tenant's templates, by name.
   *
   * @param tenantId the tenant
   * @return its templates
   */
  List<VmTemplate> findByTenant(long tenantId);

  /**
   * One template.
   *
   * @param id the template
   * @return the template
   */
  Optional<VmTemplate> find(long id);

  /**
   * Stores a new template.
   *
   * @param template the template
   * @return the stored template
   */
  VmTemplate store(VmTemplate template);

  /**
   * Deletes a template.
   *
   * @param template the template
   */
  void remove(VmTemplate template);
}

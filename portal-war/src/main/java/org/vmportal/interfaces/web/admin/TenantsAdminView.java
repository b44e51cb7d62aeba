package org.vmportal.interfaces.web.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.util.List;
import org.vmportal.application.Actor;
import org.vmportal.application.PortalException;
import org.vmportal.application.TenantService;
import org.vmportal.application.TenantService.TenantView;
import org.vmportal.domain.model.tenant.Quota;
import org.vmportal.interfaces.web.CurrentUser;
import org.vmportal.interfaces.web.Messages;

/**
 * The tenants page ({@code admin/tenants.xhtml}): each tenant's VMs and quota use against its
 * limits; platform admins create, rename and set quotas; a tenant's admins set its policies
 * (personal ISOs, VMs stopped at sign-out). The tenant being edited arrives from the browser, so
 * the service checks it again.
 */
@Named
@ViewScoped
public class TenantsAdminView implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject private transient TenantService tenantService;
  @Inject private CurrentUser currentUser;
  @Inject private transient HttpServletRequest request;

  private List<TenantView> tenants;

  private String newSlug;
  private String newName;

  private Long editId;
  private String editName;
  private int editMaxVms;
  private int editMaxVcpus;
  private long editMaxMemoryMib;
  private long editMaxDiskGib;
  private long editMaxSnapshotGib;
  private boolean editAllowPersonalIsos;
  private boolean editStopVmsOnLogout;

  /** Run by {@code f:viewAction}, and after each change. */
  public void load() {
    try {
      tenants = tenantService.list(actor());
    } catch (PortalException e) {
      tenants = List.of();
      Messages.error(e);
    }
  }

  /** Creates a tenant from the form. */
  public void create() {
    try {
      TenantView created = tenantService.create(actor(), newSlug, newName);
      Messages.info("Created the tenant " + created.displayName() + ".");
      newSlug = null;
      newName = null;
      load();
    } catch (PortalException e) {
      Messages.error(e);
    }
  }

  /**
   * Fills the edit dialog.
   *
   * @param tenant the row clicked
   */
  public void edit(TenantView tenant) {
    editId = tenant.id();
    editName = tenant.displayName();
    editMaxVms = tenant.quota().maxVms();
    editMaxVcpus = tenant.quota().maxVcpus();
    editMaxMemoryMib = tenant.quota().maxMemoryMib();
    editMaxDiskGib = tenant.quota().maxDiskGib();
    editMaxSnapshotGib = tenant.quota().maxSnapshotGib();
    editAllowPersonalIsos = tenant.allowPersonalIsos();
    editStopVmsOnLogout = tenant.stopVmsOnLogout();
  }

  /** Saves the dialog: name and quotas (platform admins), then policies. */
  public void save() {
    long id = editId == null ? -1 : editId;
    try {
      if (currentUser.isPlatformAdmin()) {
        tenantService.rename(actor(), id, editName);
        tenantService.changeQuota(
            actor(),
            id,
            new Quota(
                editMaxVms, editMaxVcpus, editMaxMemoryMib, editMaxDiskGib, editMaxSnapshotGib));
      }
      TenantView saved =
          tenantService.changePolicy(actor(), id, editAllowPersonalIsos, editStopVmsOnLogout);
      Messages.info("Saved " + saved.displayName() + ".");
      load();
    } catch (IllegalArgumentException e) {
      Messages.error(new PortalException(PortalException.Kind.INVALID, e.getMessage()));
    } catch (PortalException e) {
      Messages.error(e);
    }
  }

  private Actor actor() {
    return currentUser.actor(request.getRemoteAddr());
  }

  public List<TenantView> getTenants() {
    return tenants;
  }

  public String getNewSlug() {
    return newSlug;
  }

  public void setNewSlug(String newSlug) {
    this.newSlug = newSlug;
  }

  public String getNewName() {
    return newName;
  }

  public void setNewName(String newName) {
    this.newName = newName;
  }

  public Long getEditId() {
    return editId;
  }

  public void setEditId(Long editId) {
    this.editId = editId;
  }

  public String getEditName() {
    return editName;
  }

  public void setEditName(String editName) {
    this.editName = editName;
  }

  public int getEditMaxVms() {
    return editMaxVms;
  }

  public void setEditMaxVms(int editMaxVms) {
    this.editMaxVms = editMaxVms;
  }

  public int getEditMaxVcpus() {
    return editMaxVcpus;
  }

  public void setEditMaxVcpus(int editMaxVcpus) {
    this.editMaxVcpus = editMaxVcpus;
  }

  public long getEditMaxMemoryMib() {
    return editMaxMemoryMib;
  }

  public void setEditMaxMemoryMib(long editMaxMemoryMib) {
    this.editMaxMemoryMib = editMaxMemoryMib;
  }

  public long getEditMaxDiskGib() {
    return editMaxDiskGib;
  }

  public void setEditMaxDiskGib(long editMaxDiskGib) {
    this.editMaxDiskGib = editMaxDiskGib;
  }

  public long getEditMaxSnapshotGib() {
    return editMaxSnapshotGib;
  }

  public void setEditMaxSnapshotGib(long editMaxSnapshotGib) {
    this.editMaxSnapshotGib = editMaxSnapshotGib;
  }

  public boolean isEditAllowPersonalIsos() {
    return editAllowPersonalIsos;
  }

  public void setEditAllowPersonalIsos(boolean editAllowPersonalIsos) {
    this.editAllowPersonalIsos = editAllowPersonalIsos;
  }

  public boolean isEditStopVmsOnLogout() {
    return editStopVmsOnLogout;
  }

  public void setEditStopVmsOnLogout(boolean editStopVmsOnLogout) {
    this.editStopVmsOnLogout = editStopVmsOnLogout;
  }
}

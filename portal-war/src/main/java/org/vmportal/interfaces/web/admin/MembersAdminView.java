package org.vmportal.interfaces.web.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.util.List;
import org.vmportal.application.Actor;
import org.vmportal.application.MemberService;
import org.vmportal.application.MemberService.MemberView;
import org.vmportal.application.MemberService.NewMember;
import org.vmportal.application.PortalException;
import org.vmportal.application.TenantService;
import org.vmportal.application.TenantService.TenantView;
import org.vmportal.domain.model.tenant.Quota;
import org.vmportal.interfaces.web.CurrentUser;
import org.vmportal.interfaces.web.Messages;

/**
 * The members page ({@code admin/users.xhtml}): one tenant's people with their VMs and quota use;
 * create, edit (role, own limits), disable and enable them, set a temporary password. Tenant admins
 * see their own tenant; platform admins choose one. Which tenant and which person an action
 * concerns arrive from the browser, so the services check both again.
 */
@Named
@ViewScoped
public class MembersAdminView implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject private transient MemberService memberService;
  @Inject private transient TenantService tenantService;
  @Inject private CurrentUser currentUser;
  @Inject private transient HttpServletRequest request;

  private Long tenantId;
  private List<TenantView> tenants;
  private TenantView tenant;
  private List<MemberView> members;

  private String newUsername;
  private String newEmail;
  private String newFirstName;
  private String newLastName;
  private String newPassword;
  private String newRole = "guest";

  private String editSubject;
  private String editUsername;
  private String editRole;
  private Integer editMaxVms;
  private Integer editMaxVcpus;
  private Long editMaxMemoryMib;
  private Long editMaxDiskGib;
  private Long editMaxSnapshotGib;
  private String editPassword;

  /** Run by {@code f:viewAction}: the chosen tenant (the person's own for tenant admins). */
  public void load() {
    try {
      tenants = tenantService.list(actor());
      if (tenantId == null) {
        tenantId =
            currentUser.getTenantId() != null
                ? currentUser.getTenantId()
                : tenants.isEmpty() ? null : tenants.get(0).id();
      }
      refresh();
    } catch (PortalException e) {
      tenant = null;
      members = List.of();
      Messages.refuse(e);
    }
  }

  private void refresh() {
    if (tenantId == null) {
      members = List.of();
      return;
    }
    tenant = tenantService.get(actor(), tenantId);
    members = memberService.members(actor(), tenantId);
  }

  /** Creates the member from the form. */
  public void create() {
    try {
      MemberView created =
          memberService.create(
              actor(),
              tenantId == null ? -1 : tenantId,
              new NewMember(
                  newUsername, newEmail, newFirstName, newLastName, newPassword, newRole));
      Messages.info(
          "Created " + created.username() + ". They sign in with the temporary password.");
      newUsername = null;
      newEmail = null;
      newFirstName = null;
      newLastName = null;
      newPassword = null;
      newRole = "guest";
      refresh();
    } catch (PortalException e) {
      Messages.error(e);
    }
  }

  /**
   * Fills the edit dialog.
   *
   * @param member the row clicked
   */
  public void edit(MemberView member) {
    editSubject = member.subject();
    editUsername = member.username();
    editRole = member.role();
    editMaxVms = member.quota().maxVms();
    editMaxVcpus = member.quota().maxVcpus();
    editMaxMemoryMib = member.quota().maxMemoryMib();
    editMaxDiskGib = member.quota().maxDiskGib();
    editMaxSnapshotGib = member.quota().maxSnapshotGib();
    editPassword = null;
  }

  /** Saves the edit dialog: role, then own limits, then a new password if one was typed. */
  public void save() {
    try {
      MemberView member = memberService.get(actor(), editSubject);
      if (editRole != null && !editRole.equals(member.role())) {
        memberService.assign(actor(), editSubject, tenantId == null ? -1 : tenantId, editRole);
      }
      memberService.changeQuota(
          actor(),
          editSubject,
          new Quota(
              editMaxVms, editMaxVcpus, editMaxMemoryMib, editMaxDiskGib, editMaxSnapshotGib));
      if (editPassword != null && !editPassword.isEmpty()) {
        memberService.resetPassword(actor(), editSubject, editPassword);
      }
      Messages.info("Saved " + member.username() + ".");
      refresh();
    } catch (IllegalArgumentException e) {
      Messages.error(new PortalException(PortalException.Kind.INVALID, e.getMessage()));
    } catch (PortalException e) {
      Messages.error(e);
    }
  }

  /**
   * Disables or enables a member.
   *
   * @param member the row clicked
   * @param enabled the new state
   */
  public void setEnabled(MemberView member, boolean enabled) {
    try {
      memberService.setEnabled(actor(), member.subject(), enabled);
      Messages.info(
          enabled
              ? member.username() + " can sign in again."
              : member.username() + " is disabled: signed out, consoles closed, VMs powered off.");
      refresh();
    } catch (PortalException e) {
      Messages.error(e);
    }
  }

  /**
   * A member's use against a limit, for the table: "used / limit", the limit being theirs or the
   * tenant's.
   *
   * @param used what they use
   * @param own their own limit, or null
   * @param tenantLimit the tenant's limit
   * @return the text
   */
  public String usage(long used, Number own, long tenantLimit) {
    return own == null ? used + " / " + tenantLimit + " (tenant)" : used + " / " + own;
  }

  private Actor actor() {
    return currentUser.actor(request.getRemoteAddr());
  }

  public Long getTenantId() {
    return tenantId;
  }

  public void setTenantId(Long tenantId) {
    this.tenantId = tenantId;
  }

  public List<TenantView> getTenants() {
    return tenants;
  }

  public TenantView getTenant() {
    return tenant;
  }

  public List<MemberView> getMembers() {
    return members;
  }

  /** The roles the person may give: platform admins all three. */
  public List<String> getRoles() {
    return currentUser.isPlatformAdmin()
        ? List.of("guest", "tenant-admin", "platform-admin")
        : List.of("guest", "tenant-admin");
  }

  public String getNewUsername() {
    return newUsername;
  }

  public void setNewUsername(String newUsername) {
    this.newUsername = newUsername;
  }

  public String getNewEmail() {
    return newEmail;
  }

  public void setNewEmail(String newEmail) {
    this.newEmail = newEmail;
  }

  public String getNewFirstName() {
    return newFirstName;
  }

  public void setNewFirstName(String newFirstName) {
    this.newFirstName = newFirstName;
  }

  public String getNewLastName() {
    return newLastName;
  }

  public void setNewLastName(String newLastName) {
    this.newLastName = newLastName;
  }

  public String getNewPassword() {
    return newPassword;
  }

  public void setNewPassword(String newPassword) {
    this.newPassword = newPassword;
  }

  public String getNewRole() {
    return newRole;
  }

  public void setNewRole(String newRole) {
    this.newRole = newRole;
  }

  public String getEditSubject() {
    return editSubject;
  }

  public void setEditSubject(String editSubject) {
    this.editSubject = editSubject;
  }

  public String getEditUsername() {
    return editUsername;
  }

  public String getEditRole() {
    return editRole;
  }

  public void setEditRole(String editRole) {
    this.editRole = editRole;
  }

  public Integer getEditMaxVms() {
    return editMaxVms;
  }

  public void setEditMaxVms(Integer editMaxVms) {
    this.editMaxVms = editMaxVms;
  }

  public Integer getEditMaxVcpus() {
    return editMaxVcpus;
  }

  public void setEditMaxVcpus(Integer editMaxVcpus) {
    this.editMaxVcpus = editMaxVcpus;
  }

  public Long getEditMaxMemoryMib() {
    return editMaxMemoryMib;
  }

  public void setEditMaxMemoryMib(Long editMaxMemoryMib) {
    this.editMaxMemoryMib = editMaxMemoryMib;
  }

  public Long getEditMaxDiskGib() {
    return editMaxDiskGib;
  }

  public void setEditMaxDiskGib(Long editMaxDiskGib) {
    this.editMaxDiskGib = editMaxDiskGib;
  }

  public Long getEditMaxSnapshotGib() {
    return editMaxSnapshotGib;
  }

  public void setEditMaxSnapshotGib(Long editMaxSnapshotGib) {
    this.editMaxSnapshotGib = editMaxSnapshotGib;
  }

  public String getEditPassword() {
    return editPassword;
  }

  public void setEditPassword(String editPassword) {
    this.editPassword = editPassword;
  }
}

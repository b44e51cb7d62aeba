package org.vmportal.interfaces.web.guest;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.util.List;
import org.vmportal.application.Actor;
import org.vmportal.application.PortalException;
import org.vmportal.application.SnapshotService;
import org.vmportal.application.SnapshotService.CreateSnapshotRequest;
import org.vmportal.application.SnapshotService.SnapshotView;
import org.vmportal.application.VmService;
import org.vmportal.application.VmService.VmView;
import org.vmportal.interfaces.web.CurrentUser;
import org.vmportal.interfaces.web.Messages;

/**
 * The dashboard's snapshot dialog for one VM: its snapshots, and create, revert, boot a new VM from
 * one, delete. Cards follow through the push layer; the dialog reloads its own list.
 */
@Named
@ViewScoped
public class SnapshotsDialogView implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject private transient SnapshotService snapshotService;
  @Inject private transient VmService vmService;
  @Inject private CurrentUser currentUser;
  @Inject private transient HttpServletRequest request;

  private long vmId = -1;
  private String vmName;
  private List<SnapshotView> snapshots = List.of();
  private String newName;
  private String newKind;
  private String bootName;

  /** Opens the dialog for the VM the page names ({@code vmId}); another's VM is not found. */
  public void open() {
    try {
      VmView vm = vmService.get(actor(), GuestDashboardView.requestedVmId());
      vmId = vm.id();
      vmName = vm.name();
      newName = null;
      newKind = null;
      bootName = null;
      reload();
    } catch (PortalException e) {
      FacesContext.getCurrentInstance().validationFailed();
      Messages.error(e);
    }
  }

  /** Takes a snapshot with the name and kind from the dialog. */
  public void create() {
    run(
        () ->
            "Snapshot \u201c"
                + snapshotService
                    .create(actor(), vmId, new CreateSnapshotRequest(newName, newKind))
                    .name()
                + "\u201d taken.");
    newName = null;
  }

  /**
   * Reverts the VM to a snapshot.
   *
   * @param snapshot the row
   */
  public void revert(SnapshotView snapshot) {
    run(
        () -> {
          snapshotService.revert(actor(), vmId, snapshot.id());
          return "\u201c" + vmName + "\u201d is back at \u201c" + snapshot.name() + "\u201d.";
        });
  }

  /**
   * Boots a new VM from a snapshot's disk, named from the dialog (or after the snapshot).
   *
   * @param snapshot the row
   */
  public void bootNewVm(SnapshotView snapshot) {
    String fallback = vmName + " from " + snapshot.name();
    // The default must fit the 64 characters a name may have; a typed name is checked as typed.
    String name =
        bootName == null || bootName.isBlank()
            ? fallback.substring(0, Math.min(64, fallback.length())).strip()
            : bootName;
    run(
        () ->
            "New VM \u201c"
                + snapshotService.bootNewVm(actor(), vmId, snapshot.id(), name).name()
                + "\u201d is running.");
    bootName = null;
  }

  /**
   * Deletes a snapshot.
   *
   * @param snapshot the row
   */
  public void delete(SnapshotView snapshot) {
    run(
        () -> {
          snapshotService.delete(actor(), vmId, snapshot.id());
          return "Snapshot \u201c" + snapshot.name() + "\u201d deleted.";
        });
  }

  private void run(java.util.function.Supplier<String> action) {
    try {
      Messages.info(action.get());
    } catch (PortalException e) {
      Messages.error(e);
    }
    reload();
  }

  private void reload() {
    try {
      snapshots = snapshotService.list(actor(), vmId);
    } catch (PortalException e) {
      snapshots = List.of();
      Messages.error(e);
    }
  }

  private Actor actor() {
    return currentUser.actor(request.getRemoteAddr());
  }

  public String getVmName() {
    return vmName;
  }

  public List<SnapshotView> getSnapshots() {
    return snapshots;
  }

  public String getNewName() {
    return newName;
  }

  public void setNewName(String newName) {
    this.newName = newName;
  }

  public String getNewKind() {
    return newKind;
  }

  public void setNewKind(String newKind) {
    this.newKind = newKind;
  }

  public String getBootName() {
    return bootName;
  }

  public void setBootName(String bootName) {
    this.bootName = bootName;
  }
}

package org.vmportal.interfaces.web.guest;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.util.List;
import org.vmportal.application.Actor;
import org.vmportal.application.PortalException;
import org.vmportal.application.VmService;
import org.vmportal.application.VmService.CatalogEntry;
import org.vmportal.application.VmService.CreateVmRequest;
import org.vmportal.application.VmService.VmView;
import org.vmportal.interfaces.web.CurrentUser;
import org.vmportal.interfaces.web.Messages;

/** The guest dashboard: the OS catalog, the guest's VM cards and their actions. */
@Named
@ViewScoped
public class GuestDashboardView implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject private transient VmService vmService;
  @Inject private CurrentUser currentUser;
  @Inject private transient HttpServletRequest request;

  private List<CatalogEntry> catalog;
  private List<VmView> vms;

  private Long newImageId;
  private String newName;
  private int newVcpus = 1;
  private int newMemoryMib = 128;

  private Long renameId;
  private String renameName;

  /** Run by {@code f:viewAction}, by the poll, and after each action. */
  public void load() {
    catalog = vmService.catalog(actor());
    vms = vmService.listOwn(actor());
  }

  /**
   * Prepares the create dialog for one OS.
   *
   * @param entry the OS clicked in the catalog
   */
  public void prepareCreate(CatalogEntry entry) {
    newImageId = entry.id();
    newName = null;
  }

  /** Creates the VM from the dialog. */
  public void create() {
    try {
      VmView vm =
          vmService.create(
              actor(),
              new CreateVmRequest(
                  newImageId == null ? -1 : newImageId, newName, newVcpus, newMemoryMib));
      Messages.info("\u201c" + vm.name() + "\u201d is running.");
    } catch (PortalException e) {
      Messages.error(e);
    }
    load();
  }

  /**
   * Starts a VM.
   *
   * @param vm the card
   */
  public void start(VmView vm) {
    run(() -> vmService.start(actor(), vm.id()), "Started \u201c" + vm.name() + "\u201d.");
  }

  /**
   * Shuts a VM down.
   *
   * @param vm the card
   */
  public void stop(VmView vm) {
    run(() -> vmService.stop(actor(), vm.id()), "Shut down \u201c" + vm.name() + "\u201d.");
  }

  /**
   * Pauses a VM.
   *
   * @param vm the card
   */
  public void pause(VmView vm) {
    run(() -> vmService.pause(actor(), vm.id()), "Paused \u201c" + vm.name() + "\u201d.");
  }

  /**
   * Resumes a paused VM.
   *
   * @param vm the card
   */
  public void resume(VmView vm) {
    run(() -> vmService.resume(actor(), vm.id()), "Resumed \u201c" + vm.name() + "\u201d.");
  }

  /**
   * Hibernates a VM.
   *
   * @param vm the card
   */
  public void hibernate(VmView vm) {
    run(() -> vmService.hibernate(actor(), vm.id()), "Hibernated \u201c" + vm.name() + "\u201d.");
  }

  /**
   * Powers a VM off.
   *
   * @param vm the card
   */
  public void forceStop(VmView vm) {
    run(() -> vmService.forceStop(actor(), vm.id()), "Powered off \u201c" + vm.name() + "\u201d.");
  }

  /**
   * Wipes a VM.
   *
   * @param vm the card
   */
  public void wipe(VmView vm) {
    run(
        () -> {
          vmService.wipe(actor(), vm.id());
          return null;
        },
        "Wiped \u201c" + vm.name() + "\u201d.");
  }

  /**
   * Prepares the rename dialog for one VM.
   *
   * @param vm the card
   */
  public void prepareRename(VmView vm) {
    renameId = vm.id();
    renameName = vm.name();
  }

  /** Renames the VM from the dialog. */
  public void rename() {
    run(
        () -> vmService.rename(actor(), renameId == null ? -1 : renameId, renameName),
        "Renamed to \u201c" + (renameName == null ? "" : renameName.strip()) + "\u201d.");
  }

  public String getRenameName() {
    return renameName;
  }

  public void setRenameName(String renameName) {
    this.renameName = renameName;
  }

  private void run(java.util.function.Supplier<?> action, String success) {
    try {
      action.get();
      Messages.info(success);
    } catch (PortalException e) {
      Messages.error(e);
    }
    load();
  }

  private Actor actor() {
    return currentUser.actor(request.getRemoteAddr());
  }

  public List<CatalogEntry> getCatalog() {
    return catalog;
  }

  public List<VmView> getVms() {
    return vms;
  }

  public Long getNewImageId() {
    return newImageId;
  }

  public String getNewName() {
    return newName;
  }

  public void setNewName(String newName) {
    this.newName = newName;
  }

  public int getNewVcpus() {
    return newVcpus;
  }

  public void setNewVcpus(int newVcpus) {
    this.newVcpus = newVcpus;
  }

  public int getNewMemoryMib() {
    return newMemoryMib;
  }

  public void setNewMemoryMib(int newMemoryMib) {
    this.newMemoryMib = newMemoryMib;
  }
}

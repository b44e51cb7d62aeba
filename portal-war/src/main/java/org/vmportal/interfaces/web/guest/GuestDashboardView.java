package org.vmportal.interfaces.web.guest;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.util.List;
import java.util.function.Supplier;
import org.vmportal.application.Actor;
import org.vmportal.application.PortalException;
import org.vmportal.application.QuotaService;
import org.vmportal.application.QuotaService.QuotaReport;
import org.vmportal.application.TemplateService;
import org.vmportal.application.TemplateService.TemplateView;
import org.vmportal.application.VmService;
import org.vmportal.application.VmService.CatalogEntry;
import org.vmportal.application.VmService.CreateVmRequest;
import org.vmportal.application.VmService.VmView;
import org.vmportal.interfaces.web.CurrentUser;
import org.vmportal.interfaces.web.Messages;

/**
 * The guest dashboard: the OS catalog, the guest's VM cards with their actions, and the quota bars.
 * Cards refresh when the push layer says the guest's VMs changed (or, without a socket, on a slow
 * poll). Actions that arrive with a VM id from the page (drag and drop) go to the services with
 * that id, which answer "no such VM" for anything the guest does not own.
 */
@Named
@ViewScoped
public class GuestDashboardView implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The shapes offered in the create dialog, smallest first. */
  static final List<Size> SIZES =
      List.of(
          new Size("small", "Small", 1, 128),
          new Size("medium", "Medium", 1, 256),
          new Size("large", "Large", 2, 512),
          new Size("xlarge", "Extra large", 2, 1024));

  @Inject private transient VmService vmService;
  @Inject private transient QuotaService quotaService;
  @Inject private transient TemplateService templateService;
  @Inject private CurrentUser currentUser;
  @Inject private transient HttpServletRequest request;

  private List<CatalogEntry> catalog;
  private List<VmView> vms;
  private QuotaReport quota;

  private CatalogEntry newImage;
  private List<TemplateView> templates = List.of();
  private Long newTemplate;
  private String newName;
  private String newSize = SIZES.get(0).key();

  private Long renameId;
  private String renameName;

  /** Run by {@code f:viewAction}, by the push refresh, and after each action. */
  public void load() {
    Actor actor = actor();
    catalog = vmService.catalog(actor);
    vms = vmService.listOwn(actor);
    quota = quotaService.report(actor);
  }

  /**
   * Prepares the create dialog for one OS.
   *
   * @param entry the OS clicked in the catalog
   */
  public void prepareCreate(CatalogEntry entry) {
    newImage = entry;
    newName = null;
    newTemplate = null;
    templates =
        templateService.list(actor()).stream().filter(t -> t.baseImageId() == entry.id()).toList();
    newSize = SIZES.stream().filter(this::fits).findFirst().orElse(SIZES.get(0)).key();
  }

  /** Prepares the create dialog for the OS icon dropped on the VM area ({@code imageId}). */
  public void prepareCreateDropped() {
    Long imageId = idParameter("imageId");
    catalog.stream()
        .filter(entry -> imageId != null && entry.id() == imageId)
        .findFirst()
        .ifPresentOrElse(
            this::prepareCreate,
            () -> {
              newImage = null;
              FacesContext.getCurrentInstance().validationFailed();
              Messages.error(
                  new PortalException(
                      PortalException.Kind.NOT_FOUND, "There is no such OS in the catalog."));
            });
  }

  /** Creates the VM from the dialog. */
  public void create() {
    Size size = SIZES.stream().filter(s -> s.key().equals(newSize)).findFirst().orElse(null);
    try {
      if (newImage == null) {
        throw new PortalException(PortalException.Kind.INVALID, "Pick an operating system first.");
      }
      VmView vm;
      if (newTemplate != null) {
        vm = templateService.createVm(actor(), newTemplate, newName);
      } else if (size == null) {
        throw new PortalException(PortalException.Kind.INVALID, "Pick a size for the VM.");
      } else {
        vm =
            vmService.create(
                actor(),
                new CreateVmRequest(newImage.id(), newName, size.vcpus(), size.memoryMib()));
      }
      Messages.info("\u201c" + vm.name() + "\u201d is running.");
    } catch (PortalException e) {
      Messages.error(e);
      // Keeps the dialog open (args.validationFailed) so the guest can correct the name.
      FacesContext.getCurrentInstance().validationFailed();
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

  /** Starts the VM whose card was dropped on the start zone ({@code vmId}). */
  public void startDropped() {
    Long vmId = idParameter("vmId");
    run(
        () -> vmService.start(actor(), vmId == null ? -1 : vmId),
        () -> "Started \u201c" + nameOf(vmId) + "\u201d.");
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

  /**
   * Whether a template's shape fits in what is left of the quotas.
   *
   * @param template a template of {@link #getTemplates()}
   * @return true when a VM from it may be created
   */
  public boolean fitsTemplate(TemplateView template) {
    return quota == null || quota.fits(template.vcpus(), template.memoryMib());
  }

  /**
   * Whether a size fits in what is left of the quotas.
   *
   * @param size a size of {@link #getSizes()}
   * @return true when a VM of that size may be created
   */
  public boolean fits(Size size) {
    return quota == null || quota.fits(size.vcpus(), size.memoryMib());
  }

  private void run(Supplier<?> action, String success) {
    run(action, () -> success);
  }

  private void run(Supplier<?> action, Supplier<String> success) {
    try {
      action.get();
      Messages.info(success.get());
    } catch (PortalException e) {
      Messages.error(e);
    }
    load();
  }

  private String nameOf(Long vmId) {
    return vms.stream()
        .filter(vm -> vmId != null && vm.id() == vmId)
        .map(VmView::name)
        .findFirst()
        .orElse("the VM");
  }

  /** A numeric request parameter, or {@code null} when absent or not a number. */
  private static Long idParameter(String name) {
    String value =
        FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get(name);
    try {
      return value == null ? null : Long.valueOf(value.strip());
    } catch (NumberFormatException e) {
      return null;
    }
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

  public QuotaReport getQuota() {
    return quota;
  }

  public List<Size> getSizes() {
    return SIZES;
  }

  public CatalogEntry getNewImage() {
    return newImage;
  }

  public List<TemplateView> getTemplates() {
    return templates;
  }

  public Long getNewTemplate() {
    return newTemplate;
  }

  public void setNewTemplate(Long newTemplate) {
    this.newTemplate = newTemplate;
  }

  public String getNewName() {
    return newName;
  }

  public void setNewName(String newName) {
    this.newName = newName;
  }

  public String getNewSize() {
    return newSize;
  }

  public void setNewSize(String newSize) {
    this.newSize = newSize;
  }

  public String getRenameName() {
    return renameName;
  }

  public void setRenameName(String renameName) {
    this.renameName = renameName;
  }

  /**
   * A VM shape offered in the create dialog.
   *
   * @param key its form value
   * @param label its name
   * @param vcpus virtual CPUs
   * @param memoryMib memory in MiB
   */
  public record Size(String key, String label, int vcpus, int memoryMib) implements Serializable {}
}

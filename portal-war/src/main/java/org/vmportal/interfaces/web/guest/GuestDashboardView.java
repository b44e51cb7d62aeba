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
   * Runs the card action the page names in the request ({@code vmId}, {@code action}): start, stop,
   * force-stop, pause, resume, hibernate or wipe. The id comes from the page, so the service's
   * ownership check decides: another's VM is "no such VM", whatever id is sent.
   */
  public void act() {
    long id = requestedVmId();
    String action = parameter("action");
    String name = nameOf(id);
    Actor actor = actor();
    run(
        () ->
            switch (action == null ? "" : action) {
              case "start" -> {
                vmService.start(actor, id);
                yield "Started \u201c" + name + "\u201d.";
              }
              case "stop" -> {
                vmService.stop(actor, id);
                yield "Shut down \u201c" + name + "\u201d.";
              }
              case "force-stop" -> {
                vmService.forceStop(actor, id);
                yield "Powered off \u201c" + name + "\u201d.";
              }
              case "pause" -> {
                vmService.pause(actor, id);
                yield "Paused \u201c" + name + "\u201d.";
              }
              case "resume" -> {
                vmService.resume(actor, id);
                yield "Resumed \u201c" + name + "\u201d.";
              }
              case "hibernate" -> {
                vmService.hibernate(actor, id);
                yield "Hibernated \u201c" + name + "\u201d.";
              }
              case "wipe" -> {
                vmService.wipe(actor, id);
                yield "Wiped \u201c" + name + "\u201d.";
              }
              default ->
                  throw new PortalException(
                      PortalException.Kind.INVALID, "There is no such action on a VM.");
            });
  }

  /** Prepares the rename dialog for the VM the page names ({@code vmId}). */
  public void prepareRename() {
    try {
      VmView vm = vmService.get(actor(), requestedVmId());
      renameId = vm.id();
      renameName = vm.name();
    } catch (PortalException e) {
      FacesContext.getCurrentInstance().validationFailed();
      Messages.error(e);
    }
  }

  /** Renames the VM from the dialog. */
  public void rename() {
    run(
        () ->
            "Renamed to \u201c"
                + vmService.rename(actor(), renameId == null ? -1 : renameId, renameName).name()
                + "\u201d.");
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

  private void run(Supplier<String> action) {
    try {
      Messages.info(action.get());
    } catch (PortalException e) {
      Messages.error(e);
    }
    load();
  }

  private String nameOf(long vmId) {
    return vms.stream()
        .filter(vm -> vm.id() == vmId)
        .map(VmView::name)
        .findFirst()
        .orElse("the VM");
  }

  private static String parameter(String name) {
    return FacesContext.getCurrentInstance()
        .getExternalContext()
        .getRequestParameterMap()
        .get(name);
  }

  /** The VM id the page sent ({@code vmId}), or -1, which no VM has. */
  static long requestedVmId() {
    Long id = idParameter("vmId");
    return id == null ? -1 : id;
  }

  /** A numeric request parameter, or {@code null} when absent or not a number. */
  private static Long idParameter(String name) {
    String value = parameter(name);
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

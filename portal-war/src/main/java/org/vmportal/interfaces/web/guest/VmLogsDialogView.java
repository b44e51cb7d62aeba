package org.vmportal.interfaces.web.guest;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import org.vmportal.application.PortalException;
import org.vmportal.application.VmService;
import org.vmportal.application.VmService.VmLog;
import org.vmportal.application.VmService.VmView;
import org.vmportal.interfaces.web.CurrentUser;
import org.vmportal.interfaces.web.Messages;

/**
 * The dashboard's log dialog for one VM: the end of its serial or QEMU log, read again every two
 * seconds while the dialog is open, so it follows the guest as it runs.
 */
@Named
@ViewScoped
public class VmLogsDialogView implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject private transient VmService vmService;
  @Inject private CurrentUser currentUser;
  @Inject private transient HttpServletRequest request;

  private long vmId = -1;
  private String vmName;
  private String source = "serial";
  private VmLog log;
  private String problem;

  /** Opens the dialog on the serial log of the VM the page names ({@code vmId}). */
  public void open() {
    try {
      VmView vm =
          vmService.get(
              currentUser.actor(request.getRemoteAddr()), GuestDashboardView.requestedVmId());
      vmId = vm.id();
      vmName = vm.name();
      source = "serial";
      problem = null;
      refresh();
    } catch (PortalException e) {
      FacesContext.getCurrentInstance().validationFailed();
      Messages.error(e);
    }
  }

  /** Reads the log's end again (the dialog's poll, or a change of source). */
  public void refresh() {
    try {
      log = vmService.log(currentUser.actor(request.getRemoteAddr()), vmId, source);
      problem = null;
    } catch (PortalException e) {
      log = null;
      if (!e.getMessage().equals(problem)) {
        Messages.error(e);
      }
      problem = e.getMessage();
    }
  }

  public String getVmName() {
    return vmName;
  }

  public VmLog getLog() {
    return log;
  }

  /**
   * The log's text for the page: terminal escape sequences and control characters removed (they
   * mean nothing in a page, and XML, which carries the AJAX update, forbids most of them).
   *
   * @return the text, or an empty string
   */
  public String getText() {
    return log == null ? "" : printable(log.text());
  }

  static String printable(String text) {
    return text.replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "")
        .replaceAll("[\\x00-\\x08\\x0b-\\x1f\\x7f]", "");
  }

  public String getSource() {
    return source;
  }

  /**
   * Chooses the log.
   *
   * @param source {@code serial} or {@code qemu}; anything else reads the serial log
   */
  public void setSource(String source) {
    this.source = "qemu".equals(source) ? "qemu" : "serial";
  }
}

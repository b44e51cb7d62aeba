package org.vmportal.interfaces.web.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Optional;
import org.vmportal.application.BaseImageService;
import org.vmportal.application.PortalException;
import org.vmportal.application.VmService;
import org.vmportal.guacamole.access.ConsoleKind;
import org.vmportal.interfaces.web.CurrentUser;

/**
 * The console tab: {@code /console.xhtml?vm=<id>&kind=desktop|terminal} for a VM, {@code
 * ?image=<id>&kind=installer} for the installer VM building a base image. Names the VM in the tab
 * title, or says the console is not available. The page's script asks for a ticket on every
 * connect; nothing about the VNC endpoint is rendered.
 */
@Named
@RequestScoped
public class ConsoleView {

  @Inject private VmService vmService;
  @Inject private BaseImageService baseImageService;
  @Inject private CurrentUser currentUser;
  @Inject private HttpServletRequest request;

  private Long vm;
  private Long image;
  private String kind;
  private ConsoleKind consoleKind;
  private String title;
  private String unavailable;

  /** Run by {@code f:viewAction}: finds the VM or image among those the user may see. */
  public void load() {
    Optional<ConsoleKind> parsed = ConsoleKind.parse(kind);
    boolean installer = parsed.filter(k -> k == ConsoleKind.INSTALLER).isPresent();
    if (parsed.isEmpty() || (installer ? image == null : vm == null)) {
      unavailable = "This console link is incomplete. Open the console from the portal.";
      return;
    }
    consoleKind = parsed.get();
    try {
      if (installer) {
        title =
            "Installer for "
                + baseImageService.get(currentUser.actor(request.getRemoteAddr()), image).name();
      } else {
        String name = vmService.get(currentUser.actor(request.getRemoteAddr()), vm).name();
        title = consoleKind == ConsoleKind.TERMINAL ? name + " (terminal)" : name;
      }
    } catch (PortalException e) {
      unavailable = "This console is not available to you.";
    }
  }

  /** The tab title: the VM's name, and which console. */
  public String getTitle() {
    return title == null ? "Console" : title;
  }

  public boolean isAvailable() {
    return title != null;
  }

  public String getUnavailable() {
    return unavailable;
  }

  public boolean isTerminal() {
    return consoleKind == ConsoleKind.TERMINAL;
  }

  /** What the page asks tickets for: {@code desktop}, {@code terminal} or {@code installer}. */
  public String getKindName() {
    return consoleKind == null ? "" : consoleKind.name().toLowerCase(Locale.ROOT);
  }

  /** Where the page asks for tickets, relative to the API root. */
  public String getTicketPath() {
    return consoleKind == ConsoleKind.INSTALLER
        ? "base-images/" + image + "/console-tickets"
        : "vms/" + vm + "/console-tickets";
  }

  public Long getVm() {
    return vm;
  }

  public void setVm(Long vm) {
    this.vm = vm;
  }

  public Long getImage() {
    return image;
  }

  public void setImage(Long image) {
    this.image = image;
  }

  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }
}

package org.vmportal.interfaces.web.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Optional;
import org.vmportal.application.PortalException;
import org.vmportal.application.VmService;
import org.vmportal.application.VmService.VmView;
import org.vmportal.guacamole.access.ConsoleKind;
import org.vmportal.interfaces.web.CurrentUser;

/**
 * The console tab ({@code /console.xhtml?vm=<id>&kind=desktop|terminal}): names the VM in the tab
 * title, or says the console is not available. The page's script asks for a ticket on every
 * connect; nothing about the VM's VNC endpoint is rendered.
 */
@Named
@RequestScoped
public class ConsoleView {

  @Inject private VmService vmService;
  @Inject private CurrentUser currentUser;
  @Inject private HttpServletRequest request;

  private Long vm;
  private String kind;
  private VmView view;
  private String unavailable;

  /** Run by {@code f:viewAction}: finds the VM among those the user may see. */
  public void load() {
    Optional<ConsoleKind> parsed = ConsoleKind.parse(kind);
    if (vm == null || parsed.isEmpty()) {
      unavailable = "This console link is incomplete. Open the console from your VM's card.";
      return;
    }
    kind = parsed.get().name().toLowerCase(Locale.ROOT);
    try {
      view = vmService.get(currentUser.actor(request.getRemoteAddr()), vm);
    } catch (PortalException e) {
      unavailable = "This VM's console is not available to you.";
    }
  }

  /** The tab title: the VM's name, and which console. */
  public String getTitle() {
    if (view == null) {
      return "Console";
    }
    return "terminal".equals(kind) ? view.name() + " (terminal)" : view.name();
  }

  public boolean isAvailable() {
    return view != null;
  }

  public String getUnavailable() {
    return unavailable;
  }

  public boolean isTerminal() {
    return "terminal".equals(kind);
  }

  public Long getVm() {
    return vm;
  }

  public void setVm(Long vm) {
    this.vm = vm;
  }

  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }
}

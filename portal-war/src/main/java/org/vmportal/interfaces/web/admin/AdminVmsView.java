package org.vmportal.interfaces.web.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;
import org.vmportal.application.Actor;
import org.vmportal.application.AdminVmService;
import org.vmportal.application.AdminVmService.BulkResult;
import org.vmportal.application.PortalException;
import org.vmportal.domain.model.vm.VmListing.SortField;
import org.vmportal.domain.model.vm.VmListing.VmOrder;
import org.vmportal.domain.model.vm.VmListing.VmRow;
import org.vmportal.domain.model.vm.VmListing.VmSearch;
import org.vmportal.domain.model.vm.VmState;
import org.vmportal.interfaces.web.CurrentUser;
import org.vmportal.interfaces.web.Messages;

/**
 * Every VM across tenants for platform admins: a lazy table whose filters, sort and paging become
 * one database query per page, bulk force-stop and wipe, and a console link per running VM.
 */
@Named
@ViewScoped
public class AdminVmsView implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The age filter's choices: a key and the window it stands for (negative: older than). */
  private static final Map<String, Duration> AGES =
      Map.of(
          "lt1h", Duration.ofHours(1),
          "lt1d", Duration.ofDays(1),
          "lt7d", Duration.ofDays(7),
          "gt7d", Duration.ofDays(-7),
          "gt30d", Duration.ofDays(-30));

  @Inject private transient AdminVmService adminVms;
  @Inject private CurrentUser currentUser;
  @Inject private transient HttpServletRequest request;

  private final Rows rows = new Rows();
  private List<VmRow> selected = new ArrayList<>();

  /** Force-stops the selected VMs. */
  public void forceStopSelected() {
    bulk("Force-stopped", adminVms::forceStop);
  }

  /** Wipes the selected VMs. */
  public void wipeSelected() {
    bulk("Wiped", adminVms::wipe);
  }

  private void bulk(String done, BiFunction<Actor, List<Long>, BulkResult> operation) {
    if (selected == null || selected.isEmpty()) {
      Messages.error(
          new PortalException(PortalException.Kind.INVALID, "Select one or more VMs first."));
      return;
    }
    try {
      BulkResult result = operation.apply(actor(), selected.stream().map(VmRow::id).toList());
      if (result.done() > 0) {
        Messages.info(done + " " + result.done() + " VM" + (result.done() == 1 ? "." : "s."));
      }
      for (String refusal : result.refusals()) {
        Messages.error(new PortalException(PortalException.Kind.CONFLICT, refusal));
      }
    } catch (PortalException e) {
      Messages.error(e);
    }
    selected = new ArrayList<>();
  }

  private Actor actor() {
    return currentUser.actor(request.getRemoteAddr());
  }

  public Rows getRows() {
    return rows;
  }

  public List<VmRow> getSelected() {
    return selected;
  }

  public void setSelected(List<VmRow> selected) {
    this.selected = selected;
  }

  /** The states, for the state filter. */
  public VmState[] getStates() {
    return VmState.values();
  }

  /** The table's rows, one query per page: filters and sort go to the database. */
  public class Rows extends LazyDataModel<VmRow> {

    private static final long serialVersionUID = 1L;

    private List<VmRow> page = List.of();

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
      return (int) adminVms.count(actor(), search(filterBy));
    }

    @Override
    public List<VmRow> load(
        int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
      page = adminVms.find(actor(), search(filterBy), order(sortBy), first, pageSize);
      return page;
    }

    @Override
    public String getRowKey(VmRow row) {
      return Long.toString(row.id());
    }

    @Override
    public VmRow getRowData(String rowKey) {
      return page.stream()
          .filter(row -> Long.toString(row.id()).equals(rowKey))
          .findFirst()
          .orElse(null);
    }
  }

  private static VmSearch search(Map<String, FilterMeta> filterBy) {
    String age = text(filterBy, "age");
    Duration window = age == null ? null : AGES.get(age);
    Instant now = Instant.now();
    Instant after = window != null && !window.isNegative() ? now.minus(window) : null;
    Instant before = window != null && window.isNegative() ? now.plus(window) : null;
    String state = text(filterBy, "state");
    VmState stateFilter = null;
    if (state != null) {
      try {
        stateFilter = VmState.valueOf(state.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException unknown) {
        throw new PortalException(PortalException.Kind.INVALID, "There is no such state.");
      }
    }
    return new VmSearch(
        text(filterBy, "name"),
        text(filterBy, "owner"),
        text(filterBy, "tenant"),
        stateFilter,
        text(filterBy, "host"),
        text(filterBy, "baseImage"),
        after,
        before);
  }

  private static String text(Map<String, FilterMeta> filterBy, String field) {
    FilterMeta meta = filterBy.get(field);
    Object value = meta == null ? null : meta.getFilterValue();
    return value == null || value.toString().isBlank() ? null : value.toString();
  }

  private static VmOrder order(Map<String, SortMeta> sortBy) {
    return sortBy.values().stream()
        .filter(meta -> meta.getOrder() != SortOrder.UNSORTED)
        .findFirst()
        .map(
            meta ->
                new VmOrder(
                    switch (meta.getField()) {
                      case "name" -> SortField.NAME;
                      case "owner" -> SortField.OWNER;
                      case "tenant" -> SortField.TENANT;
                      case "state" -> SortField.STATE;
                      case "host" -> SortField.HOST;
                      case "baseImage" -> SortField.BASE_IMAGE;
                      default -> SortField.CREATED;
                    },
                    meta.getOrder() == SortOrder.ASCENDING))
        .orElse(VmOrder.newestFirst());
  }
}

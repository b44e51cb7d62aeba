package org.vmportal.interfaces.web.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.StreamedContent;
import org.vmportal.application.Actor;
import org.vmportal.application.AuditQueryService;
import org.vmportal.domain.model.audit.AuditEvent;
import org.vmportal.domain.model.audit.AuditTrail.AuditFilter;
import org.vmportal.domain.model.audit.Outcome;
import org.vmportal.interfaces.web.CurrentUser;
import org.vmportal.interfaces.web.Formats;

/**
 * The audit trail for platform admins: filters by user, VM, action, level and time range (UTC), a
 * lazy table, and the same selection exported as CSV.
 */
@Named
@ViewScoped
public class AdminLogsView implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject private transient AuditQueryService audit;
  @Inject private CurrentUser currentUser;
  @Inject private transient HttpServletRequest request;
  @Inject private Formats formats;

  private String user;
  private String vm;
  private String action;
  private Outcome level;
  private LocalDateTime from;
  private LocalDateTime to;
  private List<String> actions;

  private final Events events = new Events();

  /** Run by {@code f:viewAction}. */
  public void load() {
    actions = audit.actions(actor());
  }

  /** Clears every filter. */
  public void clear() {
    user = null;
    vm = null;
    action = null;
    level = null;
    from = null;
    to = null;
  }

  /**
   * The filtered trail as CSV, newest first; cells that a spreadsheet would run as a formula are
   * prefixed with an apostrophe.
   *
   * @return the download
   */
  public StreamedContent getCsv() {
    StringBuilder csv =
        new StringBuilder(
            "time_utc,actor,tenant_id,action,target_type,target_id,outcome,client_address,detail\r\n");
    for (AuditEvent e : audit.export(actor(), filter())) {
      csv.append(
              String.join(
                  ",",
                  cell(formats.utc(e.getOccurredAt())),
                  cell(e.getActor()),
                  cell(e.getTenantId() == null ? "" : e.getTenantId().toString()),
                  cell(e.getAction()),
                  cell(e.getTargetType()),
                  cell(e.getTargetId()),
                  cell(e.getOutcome().name()),
                  cell(e.getClientAddress()),
                  cell(e.getDetail())))
          .append("\r\n");
    }
    byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
    return DefaultStreamedContent.builder()
        .name("audit-trail.csv")
        .contentType("text/csv; charset=UTF-8")
        .contentLength((long) bytes.length)
        .stream(() -> new ByteArrayInputStream(bytes))
        .build();
  }

  /**
   * One CSV cell: quoted, quotes doubled, formula triggers defused.
   *
   * @param value the text, may be {@code null}
   * @return the cell
   */
  static String cell(String value) {
    String text = value == null ? "" : value;
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    return "\"" + text.replace("\"", "\"\"") + "\"";
  }

  private AuditFilter filter() {
    return new AuditFilter(user, vm, action, level, instant(from), instant(to));
  }

  private static Instant instant(LocalDateTime utc) {
    return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
  }

  private Actor actor() {
    return currentUser.actor(request.getRemoteAddr());
  }

  /** The table's rows: the filter above the table, one query per page. */
  public class Events extends LazyDataModel<AuditEvent> {

    private static final long serialVersionUID = 1L;

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
      return (int) audit.count(actor(), filter());
    }

    @Override
    public List<AuditEvent> load(
        int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
      return audit.find(actor(), filter(), first, pageSize);
    }

    @Override
    public String getRowKey(AuditEvent event) {
      return event.getId().toString();
    }
  }

  public Events getEvents() {
    return events;
  }

  public List<String> getActions() {
    return actions;
  }

  public Outcome[] getLevels() {
    return Outcome.values();
  }

  public String getUser() {
    return user;
  }

  public void setUser(String user) {
    this.user = user;
  }

  public String getVm() {
    return vm;
  }

  public void setVm(String vm) {
    this.vm = vm;
  }

  public String getAction() {
    return action;
  }

  public void setAction(String action) {
    this.action = action;
  }

  public Outcome getLevel() {
    return level;
  }

  public void setLevel(Outcome level) {
    this.level = level;
  }

  public LocalDateTime getFrom() {
    return from;
  }

  public void setFrom(LocalDateTime from) {
    this.from = from;
  }

  public LocalDateTime getTo() {
    return to;
  }

  public void setTo(LocalDateTime to) {
    this.to = to;
  }
}

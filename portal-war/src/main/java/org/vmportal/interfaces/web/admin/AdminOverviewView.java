package org.vmportal.interfaces.web.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.vmportal.application.AdminOverviewService;
import org.vmportal.application.AdminOverviewService.Overview;
import org.vmportal.application.HostMetricsService;
import org.vmportal.application.HostMetricsService.HostLoad;
import org.vmportal.application.HostService;
import org.vmportal.application.HostService.NewHost;
import org.vmportal.application.PortalException;
import org.vmportal.domain.model.metrics.HostSample;
import org.vmportal.domain.model.vm.VmState;
import org.vmportal.interfaces.web.CurrentUser;
import org.vmportal.interfaces.web.Messages;

/**
 * The admin landing page: platform counts, VMs by state, each host's capacity and load, charts of
 * host CPU, memory and disk over the chosen window (from the sampling timer), and the latest audit
 * events.
 */
@Named
@ViewScoped
public class AdminOverviewView implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final int RECENT_EVENTS = 20;
  private static final int MAX_POINTS = 240;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
  private static final String[] COLOURS = {"#2563eb", "#16a34a", "#d97706", "#9333ea"};

  @Inject private transient AdminOverviewService overviewService;
  @Inject private transient HostMetricsService metrics;
  @Inject private transient HostService hostService;
  @Inject private CurrentUser currentUser;
  @Inject private transient HttpServletRequest request;

  private Overview overview;
  private List<HostLoad> hosts;
  private int hours = 6;
  private String cpuChart;
  private String memoryChart;
  private String diskChart;
  private String newHostName;
  private String newHostUri;
  private int newHostVcpus = 16;
  private long newHostMemoryMib = 16384;
  private String newHostConsoleAddress;

  /** Run by {@code f:viewAction} and when the window changes. */
  public void load() {
    var actor = currentUser.actor(request.getRemoteAddr());
    overview = overviewService.overview(RECENT_EVENTS);
    hosts = metrics.hosts(actor);
    List<HostSample> samples = metrics.history(actor, Duration.ofHours(hours));
    Map<Long, String> names = new LinkedHashMap<>();
    hosts.forEach(h -> names.put(h.host().id(), h.host().name()));
    cpuChart = chart(samples, names, "CPU busy (%)", HostSample::cpuPercent, 100.0);
    memoryChart =
        chart(
            samples,
            names,
            "Memory used (%)",
            s -> s.memoryTotalMib() == 0 ? 0 : 100.0 * s.memoryUsedMib() / s.memoryTotalMib(),
            100.0);
    diskChart =
        chart(
            samples,
            names,
            "Disk used (%)",
            s -> s.diskTotalBytes() == 0 ? 0 : 100.0 * s.diskUsedBytes() / s.diskTotalBytes(),
            100.0);
  }

  /**
   * Drains a host (no new VMs go there) or takes it back.
   *
   * @param hostId the host
   * @param drained true to drain
   */
  public void setDrained(long hostId, boolean drained) {
    try {
      var host =
          hostService.setDrained(currentUser.actor(request.getRemoteAddr()), hostId, drained);
      Messages.info(
          "\u201c"
              + host.name()
              + "\u201d "
              + (drained ? "takes no new VMs." : "takes new VMs again."));
    } catch (PortalException e) {
      Messages.error(e);
    }
    load();
  }

  /** Adds the host the form describes, once the portal has reached it. */
  public void addHost() {
    try {
      var host =
          hostService.add(
              currentUser.actor(request.getRemoteAddr()),
              new NewHost(
                  newHostName, newHostUri, newHostVcpus, newHostMemoryMib, newHostConsoleAddress));
      Messages.info("Added the host \u201c" + host.name() + "\u201d; it takes new VMs.");
      newHostName = null;
      newHostUri = null;
      newHostConsoleAddress = null;
    } catch (PortalException e) {
      Messages.error(e);
    }
    load();
  }

  /**
   * Removes a host no VM is placed on.
   *
   * @param hostId the host
   */
  public void remove(long hostId) {
    try {
      hostService.remove(currentUser.actor(request.getRemoteAddr()), hostId);
      Messages.info("Removed the host.");
    } catch (PortalException e) {
      Messages.error(e);
    }
    load();
  }

  public String getNewHostName() {
    return newHostName;
  }

  public void setNewHostName(String newHostName) {
    this.newHostName = newHostName;
  }

  public String getNewHostUri() {
    return newHostUri;
  }

  public void setNewHostUri(String newHostUri) {
    this.newHostUri = newHostUri;
  }

  public int getNewHostVcpus() {
    return newHostVcpus;
  }

  public void setNewHostVcpus(int newHostVcpus) {
    this.newHostVcpus = newHostVcpus;
  }

  public long getNewHostMemoryMib() {
    return newHostMemoryMib;
  }

  public void setNewHostMemoryMib(long newHostMemoryMib) {
    this.newHostMemoryMib = newHostMemoryMib;
  }

  public String getNewHostConsoleAddress() {
    return newHostConsoleAddress;
  }

  public void setNewHostConsoleAddress(String newHostConsoleAddress) {
    this.newHostConsoleAddress = newHostConsoleAddress;
  }

  /** A Chart.js line chart: one line per host, at most {@value #MAX_POINTS} points. */
  private static String chart(
      List<HostSample> samples,
      Map<Long, String> hostNames,
      String label,
      ToDoubleFunction<HostSample> value,
      double max) {
    Map<Long, List<HostSample>> byHost = new LinkedHashMap<>();
    for (HostSample s : samples) {
      byHost.computeIfAbsent(s.hostId(), id -> new ArrayList<>()).add(s);
    }
    List<HostSample> axis = byHost.values().stream().findFirst().orElse(List.of());
    int step = Math.max(1, (axis.size() + MAX_POINTS - 1) / MAX_POINTS);
    StringBuilder labels = new StringBuilder();
    for (int i = 0; i < axis.size(); i += step) {
      labels
          .append(labels.length() == 0 ? "" : ",")
          .append(json(TIME.format(axis.get(i).sampledAt())));
    }
    StringBuilder datasets = new StringBuilder();
    int colour = 0;
    for (Map.Entry<Long, List<HostSample>> host : byHost.entrySet()) {
      StringBuilder points = new StringBuilder();
      List<HostSample> list = host.getValue();
      for (int i = 0; i < list.size(); i += step) {
        points
            .append(points.length() == 0 ? "" : ",")
            .append(String.format(Locale.ROOT, "%.1f", value.applyAsDouble(list.get(i))));
      }
      String c = COLOURS[colour++ % COLOURS.length];
      datasets
          .append(datasets.length() == 0 ? "" : ",")
          .append("{\"label\":")
          .append(json(hostNames.getOrDefault(host.getKey(), "host " + host.getKey())))
          .append(",\"data\":[")
          .append(points)
          .append("],\"borderColor\":\"")
          .append(c)
          .append("\",\"backgroundColor\":\"")
          .append(c)
          .append("22\",\"fill\":true,\"pointRadius\":0,\"tension\":0.2}");
    }
    return "{\"type\":\"line\",\"data\":{\"labels\":["
        + labels
        + "],\"datasets\":["
        + datasets
        + "]},\"options\":{\"animation\":false,\"responsive\":true,\"maintainAspectRatio\":false,"
        + "\"plugins\":{\"title\":{\"display\":true,\"text\":"
        + json(label)
        + "}},\"scales\":{\"y\":{\"min\":0,\"max\":"
        + max
        + "}}}}";
  }

  /**
   * A JSON string literal that is also safe inside a script element ({@code <} is escaped).
   *
   * @param text the text
   * @return the literal, quotes included
   */
  static String json(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\'') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** VMs by state, in the states' own order, for the state chips. */
  public List<Map.Entry<VmState, Long>> getVmsByState() {
    return new ArrayList<>(overview.vmsByState().entrySet());
  }

  public Overview getOverview() {
    return overview;
  }

  public List<HostLoad> getHosts() {
    return hosts;
  }

  public int getHours() {
    return hours;
  }

  /**
   * The chart window.
   *
   * @param hours 1, 6 or 24; anything else keeps 6
   */
  public void setHours(int hours) {
    this.hours = hours == 1 || hours == 24 ? hours : 6;
  }

  public String getCpuChart() {
    return cpuChart;
  }

  public String getMemoryChart() {
    return memoryChart;
  }

  public String getDiskChart() {
    return diskChart;
  }
}

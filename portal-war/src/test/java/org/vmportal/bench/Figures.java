package org.vmportal.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Percentiles the way the other benchmarks print them (nearest rank). */
final class Figures {

  private Figures() {}

  /**
   * The nearest-rank percentile.
   *
   * @param values the samples, in any order; not empty
   * @param percent 50 for the median
   * @return the sample at that rank
   */
  static double percentile(List<Double> values, int percent) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int rank = (sorted.size() * percent + 99) / 100;
    return sorted.get(Math.max(0, rank - 1));
  }

  /** {@code p50 … p95 … min … max …} in whole units (milliseconds, mostly). */
  static String summary(List<Double> values) {
    return summary(values, 0);
  }

  /** The same with the given number of decimals. */
  static String summary(List<Double> values, int decimals) {
    String n = "%7." + decimals + "f";
    return String.format(
        "p50 " + n + "  p95 " + n + "  min " + n + "  max " + n,
        percentile(values, 50),
        percentile(values, 95),
        Collections.min(values),
        Collections.max(values));
  }
}

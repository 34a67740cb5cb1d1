package com.trafalgar.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.bench.http.LoadResult;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything a run measured: raw numbers per repetition (JSON), the verdict against each target
 * of tracker issue 7, and notes that explain a miss.
 */
final class Results {
  /** One line of the targets table. */
  record Target(String scenario, String metric, String target, String measured, String verdict,
      String note) {}

  static final String PASS = "PASS";
  static final String FAIL = "FAIL";
  static final String NOT_MEASURED = "N/A";

  final ObjectNode json = JsonNodeFactory.instance.objectNode();
  final ObjectNode scenarios = json.putObject("scenarios");
  final ArrayNode boots = json.putArray("servers");
  final List<Target> targets = new ArrayList<>();
  final List<String> notes = new ArrayList<>();

  ObjectNode scenario(String id) {
    return scenarios.has(id) ? (ObjectNode) scenarios.get(id) : scenarios.putObject(id);
  }

  void target(String scenario, String metric, String target, String measured, boolean pass,
      String note) {
    targets.add(new Target(scenario, metric, target, measured, pass ? PASS : FAIL, note));
  }

  void notMeasured(String scenario, String metric, String target, String why) {
    targets.add(new Target(scenario, metric, target, "–", NOT_MEASURED, why));
  }

  /** A load run as raw JSON, with the CPU both sides used during it. */
  static ObjectNode run(LoadResult result, double serverCpuCores, double clientCpuCores) {
    return run(result, serverCpuCores, clientCpuCores, Double.NaN);
  }

  /** As above, with the busy cores of the whole machine (others = machine − server − client). */
  static ObjectNode run(LoadResult result, double serverCpuCores, double clientCpuCores,
      double machineCpuCores) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("mode", result.mode);
    node.put("connections", result.connections);
    if (result.targetRate > 0) {
      node.put("target_rate_per_s", result.targetRate);
    }
    node.put("window_s", result.windowSeconds);
    node.put("completed", result.completed);
    node.put("throughput_per_s", round(result.throughput()));
    ObjectNode latency = node.putObject("latency_ms");
    for (double p : new double[] {50, 90, 99, 99.9}) {
      latency.put("p" + fmtPercentile(p), round(result.percentileMillis(p)));
    }
    latency.put("max", round(result.maxMillis()));
    latency.put("mean", round(result.latencyMicros.getTotalCount() == 0 ? Double.NaN
        : result.latencyMicros.getMean() / 1000.0));
    ObjectNode statuses = node.putObject("statuses");
    result.statuses.forEach((status, count) -> statuses.put(status.toString(), count));
    node.put("io_errors", result.ioErrors);
    node.put("unfinished", result.unfinished);
    if (result.targetRate > 0) {
      node.put("due_but_not_sent", result.notSent);
    }
    node.put("reconnects", result.reconnects);
    node.put("server_cpu_cores", round(serverCpuCores));
    node.put("client_cpu_cores", round(clientCpuCores));
    if (!Double.isNaN(machineCpuCores)) {
      node.put("machine_cpu_cores", round(machineCpuCores));
      node.put("other_processes_cpu_cores",
          round(Math.max(0, machineCpuCores - serverCpuCores - clientCpuCores)));
    }
    ObjectNode samples = node.putObject("sample_bodies");
    for (Map.Entry<Integer, String> entry : result.sampleBodies.entrySet()) {
      samples.put(entry.getKey().toString(), entry.getValue());
    }
    return node;
  }

  private static String fmtPercentile(double p) {
    return p == Math.rint(p) ? Integer.toString((int) p) : Double.toString(p).replace('.', '_');
  }

  /**
   * Busy CPU time of the whole machine so far (all processes), seconds, from /proc/stat: with
   * the server's and the client's, it shows whether anything else ran during a window.
   */
  static double machineCpuSeconds() {
    try {
      String[] fields = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat"))
          .get(0).trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < Math.min(fields.length, 9); i++) {
        if (i != 4 && i != 5) { // idle, iowait
          busy += Long.parseLong(fields[i]);
        }
      }
      return busy / 100.0;
    } catch (java.io.IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  static double clientCpuSeconds() {
    var bean = ManagementFactory.getOperatingSystemMXBean();
    if (bean instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime() / 1e9;
    }
    return Double.NaN;
  }

  /** p50, p99, p99.9 and max in ms of a histogram of microseconds, with its sample count. */
  static ObjectNode latency(org.HdrHistogram.Histogram micros) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("samples", micros.getTotalCount());
    for (double p : new double[] {50, 99, 99.9}) {
      node.put("p" + (p == 99.9 ? "99_9" : Integer.toString((int) p)),
          round(micros.getTotalCount() == 0 ? Double.NaN : micros.getValueAtPercentile(p) / 1000.0));
    }
    node.put("max", round(micros.getTotalCount() == 0 ? Double.NaN
        : micros.getMaxValue() / 1000.0));
    return node;
  }

  /**
   * Adds where an RSS reading goes, per JVM area ({@link ServerProcess#nativeMemoryMiB}), under
   * {@code field}, when the run's flags include {@code -XX:NativeMemoryTracking=summary}
   * (docs/benchmarks.md, knobs); nothing otherwise.
   */
  static void putNativeMemory(ObjectNode parent, String field, Map<String, Long> areas) {
    if (!areas.isEmpty()) {
      ObjectNode node = parent.putObject(field);
      areas.forEach(node::put);
    }
  }

  static double round(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return value;
    }
    return Math.round(value * 1000) / 1000.0;
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.removeIf(v -> v == null || v.isNaN());
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** "median (min–max)" of repetitions, or the single value. */
  static String spread(List<Double> values, String format) {
    List<Double> clean = new ArrayList<>(values);
    clean.removeIf(v -> v == null || v.isNaN());
    if (clean.isEmpty()) {
      return "–";
    }
    String median = String.format(Locale.ROOT, format, median(clean));
    if (clean.size() == 1) {
      return median;
    }
    return median + " (" + String.format(Locale.ROOT, format, Collections.min(clean)) + "–"
        + String.format(Locale.ROOT, format, Collections.max(clean)) + ")";
  }

  static String num(double value, String format) {
    return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, format, value);
  }
}

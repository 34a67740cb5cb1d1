package com.trafalgar.bench.http;

import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What one load run measured: completions inside the measurement window (warm-up excluded), their
 * statuses, latency histogram in microseconds, I/O errors and reconnects, and the first bytes of
 * one body per status (to explain an unexpected status in the report).
 */
public final class LoadResult {
  public final String mode;
  public final int connections;
  public final double targetRate;
  public final double windowSeconds;
  public final Histogram latencyMicros;
  public final Map<Integer, Long> statuses = new TreeMap<>();
  public final Map<Integer, String> sampleBodies = new TreeMap<>();
  public long completed;
  public long ioErrors;
  public long reconnects;
  public long unfinished;
  /** Fixed rate only: requests due in the window that no connection was free to send. */
  public long notSent;

  LoadResult(String mode, int connections, double targetRate, double windowSeconds) {
    this.mode = mode;
    this.connections = connections;
    this.targetRate = targetRate;
    this.windowSeconds = windowSeconds;
    this.latencyMicros = new Histogram(3_600_000_000L, 3);
  }

  public double throughput() {
    return windowSeconds <= 0 ? 0 : completed / windowSeconds;
  }

  public long count(int status) {
    return statuses.getOrDefault(status, 0L);
  }

  /** Completions whose status is not one of {@code expected}, plus I/O errors. */
  public long unexpected(int... expected) {
    long total = ioErrors + unfinished + notSent;
    outer:
    for (Map.Entry<Integer, Long> entry : statuses.entrySet()) {
      for (int status : expected) {
        if (entry.getKey() == status) {
          continue outer;
        }
      }
      total += entry.getValue();
    }
    return total;
  }

  public double percentileMillis(double percentile) {
    return latencyMicros.getTotalCount() == 0
        ? Double.NaN : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
  }

  public double maxMillis() {
    return latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getMaxValue() / 1000.0;
  }
}

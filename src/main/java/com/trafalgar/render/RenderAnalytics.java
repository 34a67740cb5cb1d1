package com.trafalgar.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.json.Json;
import com.trafalgar.json.Timestamps;
import com.trafalgar.text.Text;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The analytics of {@code GET /render/jobs/metrics} (API.md 5.10) and the {@code render_summary}
 * of {@code /render/health} (5.11), computed from the in-memory history without refreshing.
 */
public final class RenderAnalytics {
  /** The submission windows, in the contract's order. */
  static final Map<String, Duration> WINDOWS = windows();

  private RenderAnalytics() {}

  private static Map<String, Duration> windows() {
    Map<String, Duration> windows = new LinkedHashMap<>();
    windows.put("1h", Duration.ofHours(1));
    windows.put("6h", Duration.ofHours(6));
    windows.put("24h", Duration.ofHours(24));
    windows.put("7d", Duration.ofDays(7));
    return windows;
  }

  private static final class StatusFigures {
    final Set<String> jobs = new HashSet<>();
    int active;
    double totalSeconds;
    Instant lastUpdated;
  }

  private static final class Completion {
    int total;
    int completed;
    double completionSeconds;

    void add(RenderJob job) {
      total++;
      if (job.completedAt() != null) {
        completed++;
        completionSeconds += Math.max(0, seconds(job.createdAt(), job.completedAt()));
      }
    }

    Object average() {
      return completed == 0 ? null : completionSeconds / completed;
    }
  }

  static String normalise(String status) {
    String value = status == null ? "" : Text.trim(status).toLowerCase(Locale.ROOT);
    return value.isEmpty() ? "unknown" : value;
  }

  private static double seconds(Instant from, Instant to) {
    Duration gap = Duration.between(from, to);
    return gap.getSeconds() + gap.getNano() / 1e9;
  }

  private static Map<String, StatusFigures> statuses(Collection<RenderJob> jobs, Instant now) {
    Map<String, StatusFigures> statuses = new TreeMap<>();
    for (RenderJob job : jobs) {
      List<StatusEntry> history = job.history();
      for (int i = 0; i < history.size(); i++) {
        StatusEntry entry = history.get(i);
        StatusFigures figures = figures(statuses, entry.status(), job);
        Instant end = i + 1 < history.size() ? history.get(i + 1).timestamp()
            : job.isActive() ? now : job.completedAt();
        if (end != null) {
          double gap = seconds(entry.timestamp(), end);
          if (gap >= 0) {
            figures.totalSeconds += gap;
          }
        }
      }
      figures(statuses, job.status(), job).active++;
    }
    return statuses;
  }

  private static StatusFigures figures(Map<String, StatusFigures> statuses, String status,
      RenderJob job) {
    StatusFigures figures = statuses.computeIfAbsent(normalise(status), s -> new StatusFigures());
    if (figures.jobs.add(job.jobId())) {
      if (figures.lastUpdated == null || job.updatedAt().isAfter(figures.lastUpdated)) {
        figures.lastUpdated = job.updatedAt();
      }
    }
    return figures;
  }

  private static Double average(StatusFigures figures) {
    return figures.jobs.isEmpty() ? null : figures.totalSeconds / figures.jobs.size();
  }

  /** The body of {@code GET /render/jobs/metrics}. */
  public static ObjectNode metrics(Collection<RenderJob> jobs, Instant now) {
    ObjectNode body = Json.object();
    body.put("generated_at", Timestamps.format(now));
    body.put("total_jobs", jobs.size());
    ObjectNode statuses = body.putObject("statuses");
    statuses(jobs, now).forEach((status, figures) -> {
      ObjectNode node = statuses.putObject(status);
      node.put("count", figures.jobs.size());
      node.put("active", figures.active);
      ObjectNode durations = node.putObject("durations");
      durations.put("total_seconds", figures.totalSeconds);
      durations.put("average_seconds", average(figures));
      node.put("last_updated_at", Timestamps.format(figures.lastUpdated));
    });
    Map<String, List<RenderJob>> byFarm = new TreeMap<>();
    jobs.forEach(job -> byFarm.computeIfAbsent(job.farm(), f -> new ArrayList<>())
        .add(job));
    ObjectNode adapters = body.putObject("adapters");
    byFarm.forEach((farm, farmJobs) -> {
      ObjectNode node = adapters.putObject(farm);
      Completion completion = new Completion();
      Map<String, Integer> current = new TreeMap<>();
      Instant first = null;
      Instant last = null;
      for (RenderJob job : farmJobs) {
        completion.add(job);
        current.merge(normalise(job.status()), 1, Integer::sum);
        first = first == null || job.createdAt().isBefore(first) ? job.createdAt() : first;
        last = last == null || job.createdAt().isAfter(last) ? job.createdAt() : last;
      }
      node.put("total_jobs", completion.total);
      ObjectNode statusCounts = node.putObject("statuses");
      current.forEach(statusCounts::put);
      node.put("completed_jobs", completion.completed);
      putAverage(node, completion);
      node.put("first_submission_at", Timestamps.format(first));
      node.put("last_submission_at", Timestamps.format(last));
    });
    ObjectNode windows = body.putObject("submission_windows");
    WINDOWS.forEach((name, length) -> {
      Completion completion = new Completion();
      Instant since = now.minus(length);
      jobs.stream().filter(job -> !job.createdAt().isBefore(since)).forEach(completion::add);
      ObjectNode node = windows.putObject(name);
      node.put("total_jobs", completion.total);
      node.put("completed_jobs", completion.completed);
      putAverage(node, completion);
    });
    return body;
  }

  private static void putAverage(ObjectNode node, Completion completion) {
    Object average = completion.average();
    if (average == null) {
      node.putNull("average_completion_seconds");
    } else {
      node.put("average_completion_seconds", (Double) average);
    }
  }

  /** The {@code render_summary} of {@code /render/health}. */
  public static ObjectNode summary(Collection<RenderJob> jobs, Instant now) {
    ObjectNode body = Json.object();
    body.put("total_jobs", jobs.size());
    body.put("active_jobs", jobs.stream().filter(RenderJob::isActive).count());
    ObjectNode byStatus = body.putObject("by_status");
    statuses(jobs, now).forEach((status, figures) -> {
      ObjectNode node = byStatus.putObject(status);
      node.put("count", figures.jobs.size());
      node.put("active", figures.active);
      node.put("average_duration_seconds", average(figures));
    });
    ObjectNode windows = body.putObject("submission_windows");
    WINDOWS.forEach((name, length) -> {
      Instant since = now.minus(length);
      windows.put(name, jobs.stream().filter(job -> !job.createdAt().isBefore(since)).count());
    });
    return body;
  }
}

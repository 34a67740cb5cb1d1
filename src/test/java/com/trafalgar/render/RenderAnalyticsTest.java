package com.trafalgar.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worked example of API.md 5.10, evaluated 3 h after base time t. */
class RenderAnalyticsTest {
  static final Instant T = Instant.parse("2024-05-12T12:00:00Z");
  static final Instant NOW = T.plus(Duration.ofHours(3));

  static RenderJob job(String id, String farm, Object... statusAndMinutes) {
    List<StatusEntry> history = new ArrayList<>();
    for (int i = 0; i < statusAndMinutes.length; i += 2) {
      history.add(new StatusEntry((String) statusAndMinutes[i],
          T.plus(Duration.ofMinutes((Integer) statusAndMinutes[i + 1]))));
    }
    StatusEntry last = history.get(history.size() - 1);
    JobRequest request = new JobRequest("maya", "/s.ma", "1-10", "/out", farm,
        BigInteger.valueOf(50), BigInteger.valueOf(5), null);
    Instant completed = RenderJob.isTerminal(last.status()) ? last.timestamp() : null;
    return new RenderJob(id, farm, farm, last.status(), null, request,
        history.get(0).timestamp(), last.timestamp(), completed, history, 0);
  }

  static List<RenderJob> example() {
    return List.of(
        job("1", "mock", "queued", 0, "running", 5, "completed", 15),
        job("2", "tractor", "queued", 0, "failed", 3),
        job("3", "mock", "queued", 120, "running", 122));
  }

  @Test
  void workedExample() {
    ObjectNode metrics = RenderAnalytics.metrics(example(), NOW);
    assertEquals(3, metrics.get("total_jobs").asInt());
    JsonNode queued = metrics.get("statuses").get("queued");
    assertEquals(3, queued.get("count").asInt());
    assertEquals(0, queued.get("active").asInt());
    assertEquals(600.0, queued.get("durations").get("total_seconds").doubleValue());
    assertEquals(200.0, queued.get("durations").get("average_seconds").doubleValue());
    JsonNode running = metrics.get("statuses").get("running");
    assertEquals(2, running.get("count").asInt());
    assertEquals(1, running.get("active").asInt());
    assertEquals(4080.0, running.get("durations").get("total_seconds").doubleValue());
    for (String status : new String[] {"completed", "failed"}) {
      JsonNode node = metrics.get("statuses").get(status);
      assertEquals(1, node.get("count").asInt());
      assertEquals(1, node.get("active").asInt());
      assertEquals(0.0, node.get("durations").get("total_seconds").doubleValue());
      assertTrue(node.get("durations").get("total_seconds").isDouble());
    }
    assertEquals(900.0,
        metrics.get("adapters").get("mock").get("average_completion_seconds").doubleValue());
    assertEquals(180.0,
        metrics.get("adapters").get("tractor").get("average_completion_seconds").doubleValue());
    assertEquals(2, metrics.get("adapters").get("mock").get("total_jobs").asInt());
    assertEquals(1, metrics.get("adapters").get("mock").get("statuses").get("running").asInt());
    assertEquals("2024-05-12T12:00:00+00:00",
        metrics.get("adapters").get("mock").get("first_submission_at").asText());
    assertEquals("2024-05-12T14:00:00+00:00",
        metrics.get("adapters").get("mock").get("last_submission_at").asText());
    JsonNode hour = metrics.get("submission_windows").get("1h");
    assertEquals(1, hour.get("total_jobs").asInt());
    assertEquals(0, hour.get("completed_jobs").asInt());
    assertTrue(hour.get("average_completion_seconds").isNull());
    JsonNode six = metrics.get("submission_windows").get("6h");
    assertEquals(3, six.get("total_jobs").asInt());
    assertEquals(2, six.get("completed_jobs").asInt());
    assertEquals(540.0, six.get("average_completion_seconds").doubleValue());
    assertEquals("2024-05-12T15:00:00+00:00", metrics.get("generated_at").asText());
  }

  @Test
  void emptyHistory() {
    ObjectNode metrics = RenderAnalytics.metrics(List.of(), NOW);
    assertEquals("{\"generated_at\":\"2024-05-12T15:00:00+00:00\",\"total_jobs\":0,"
        + "\"statuses\":{},\"adapters\":{},\"submission_windows\":{"
        + "\"1h\":{\"total_jobs\":0,\"completed_jobs\":0,\"average_completion_seconds\":null},"
        + "\"6h\":{\"total_jobs\":0,\"completed_jobs\":0,\"average_completion_seconds\":null},"
        + "\"24h\":{\"total_jobs\":0,\"completed_jobs\":0,\"average_completion_seconds\":null},"
        + "\"7d\":{\"total_jobs\":0,\"completed_jobs\":0,\"average_completion_seconds\":null}}}",
        metrics.toString());
    assertEquals("{\"total_jobs\":0,\"active_jobs\":0,\"by_status\":{},"
        + "\"submission_windows\":{\"1h\":0,\"6h\":0,\"24h\":0,\"7d\":0}}",
        RenderAnalytics.summary(List.of(), NOW).toString());
  }

  @Test
  void summaryUsesTheSameFigures() {
    ObjectNode summary = RenderAnalytics.summary(example(), NOW);
    assertEquals(3, summary.get("total_jobs").asInt());
    assertEquals(1, summary.get("active_jobs").asInt());
    assertEquals(200.0,
        summary.get("by_status").get("queued").get("average_duration_seconds").doubleValue());
    assertEquals(2040.0,
        summary.get("by_status").get("running").get("average_duration_seconds").doubleValue());
    assertEquals(1, summary.get("submission_windows").get("1h").asInt());
    assertEquals(3, summary.get("submission_windows").get("7d").asInt());
  }

  @Test
  void blankStatusCountsAsUnknownAndNegativeGapsAreSkipped() {
    RenderJob odd = job("x", "mock", "  ", 30, "Running", 10);
    ObjectNode metrics = RenderAnalytics.metrics(List.of(odd), NOW);
    assertEquals(0.0,
        metrics.get("statuses").get("unknown").get("durations").get("total_seconds").doubleValue());
    assertEquals(1, metrics.get("statuses").get("running").get("active").asInt());
  }
}

package com.trafalgar.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class IngestSummariesTest {
  static IngestSummary summary(String... records) {
    return IngestSummaries.of(Runs.snapshot(records).apiOrder());
  }

  @Test
  void countsSuccessFailureRunningAndTheLastSuccess() {
    IngestSummary summary = summary(
        Runs.record("failed-new", "2024-01-01T05:00:00Z", "2024-01-01T05:10:00Z", 2),
        Runs.record("failed", "2024-01-01T04:00:00Z", "2024-01-01T04:10:00Z", 1),
        Runs.record("ok-late-finish", "2024-01-01T02:00:00Z", "2024-01-01T06:30:00Z", 0),
        Runs.record("running", "2024-01-01T03:00:00Z", null, 0),
        Runs.record("ok", "2024-01-01T01:00:00Z", "2024-01-01T01:30:00Z", 0));
    assertEquals(new IngestSummary(5, 2, 2, 1, "2024-01-01T06:30:00+00:00", 2), summary);
  }

  @Test
  void aRunningRunEndsTheFailureStreak() {
    IngestSummary summary = summary(
        Runs.record("failed", "2024-01-01T05:00:00Z", "2024-01-01T05:10:00Z", 1),
        Runs.record("running", "2024-01-01T04:00:00Z", null, 0),
        Runs.record("failed-old", "2024-01-01T03:00:00Z", "2024-01-01T03:10:00Z", 1));
    assertEquals(1, summary.failureStreak());
    assertEquals(1, summary.running());
    assertEquals(null, summary.lastSuccessAt());
  }

  @Test
  void aSuccessAtTheTopMeansNoStreak() {
    IngestSummary summary = summary(
        Runs.record("ok", "2024-01-01T05:00:00Z", "2024-01-01T05:10:00Z", 0),
        Runs.record("failed", "2024-01-01T04:00:00Z", "2024-01-01T04:10:00Z", 1));
    assertEquals(0, summary.failureStreak());
    assertEquals("2024-01-01T05:10:00+00:00", summary.lastSuccessAt());
  }

  @Test
  void anInvalidCompletedAtMakesTheRunRunning() {
    IngestSummary summary = summary(
        Runs.record("bad-end", "2024-01-01T05:00:00Z", "not a time", 3));
    assertEquals(new IngestSummary(1, 0, 0, 1, null, 0), summary);
  }

  @Test
  void nothingToSummarise() {
    assertEquals(new IngestSummary(0, 0, 0, 0, null, 0), IngestSummaries.of(List.of()));
  }
}

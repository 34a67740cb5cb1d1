package com.trafalgar.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One ingest run of the registry, already in its API shape (API.md 6.2). The payload and its
 * serialised form are built once per parse and shared by every response, event and snapshot that
 * carries the run: nobody may mutate {@link #payload()}.
 *
 * @param id the run id (6.4)
 * @param startedAt parsed {@code started_at}, {@code null} when missing or invalid
 * @param completedAt parsed {@code completed_at}, {@code null} when missing or invalid
 * @param invalidCount {@code report.invalid_count}
 * @param payload the run payload of 6.2
 * @param json {@link #payload()} as compact UTF-8 JSON
 */
public record IngestRun(
    String id,
    Instant startedAt,
    Instant completedAt,
    int invalidCount,
    ObjectNode payload,
    byte[] json) {

  /** {@code completed} when {@code completed_at} is set, else {@code running} (6.2). */
  public String status() {
    return completedAt != null ? "completed" : "running";
  }
}

package com.trafalgar.ingest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * One ingest run of the registry, already in its API shape (API.md 6.2). Only its serialised form
 * is kept, built once per parse and shared by every response and snapshot that carries the run:
 * the trees of a 10,000-run registry weighed ~15 MB more than their bytes, for the few events a
 * rewrite publishes ({@link #payload()}).
 *
 * @param id the run id (6.4)
 * @param startedAt parsed {@code started_at}, {@code null} when missing or invalid
 * @param completedAt parsed {@code completed_at}, {@code null} when missing or invalid
 * @param invalidCount {@code report.invalid_count}
 * @param json the run payload of 6.2 as compact UTF-8 JSON
 */
public record IngestRun(
    String id,
    Instant startedAt,
    Instant completedAt,
    int invalidCount,
    byte[] json) {

  /** Counts come back as the int nodes they were built as; decimals stay exact. */
  private static final ObjectReader PAYLOAD =
      Json.mapper().reader().without(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

  /** The run payload of 6.2 as a new tree, parsed from {@link #json()}. */
  public ObjectNode payload() {
    try {
      return (ObjectNode) PAYLOAD.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("the run's own JSON does not parse", e);
    }
  }

  /** {@code completed} when {@code completed_at} is set, else {@code running} (6.2). */
  public String status() {
    return completedAt != null ? "completed" : "running";
  }
}

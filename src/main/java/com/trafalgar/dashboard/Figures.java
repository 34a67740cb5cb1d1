package com.trafalgar.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.json.Json;

/**
 * The figures behind {@code GET /status} (API.md 4.2) and {@code GET /metrics} (4.3), whichever
 * mode computed them; each body is shaped once from a fresh instance (shaping adds keys).
 *
 * @param overall {@code projects}, {@code shots}, {@code versions}, {@code errors}
 * @param ingest the ingest summary (9.9) without {@code sample_window}
 * @param render the render summary
 * @param review the review summary (9.10)
 */
public record Figures(ObjectNode overall, ObjectNode ingest, ObjectNode render,
    ObjectNode review) {
  /** Runs considered by the ingest summary (9.9). */
  public static final int INGEST_WINDOW = 10;

  /** The {@code /status} body: the overall figures at the top, then the three summaries. */
  public ObjectNode status() {
    ObjectNode body = Json.object();
    body.setAll(overall);
    ingest.put("sample_window", INGEST_WINDOW);
    body.set("ingest", ingest);
    body.set("render", render);
    body.set("review", review);
    return body;
  }

  /** The {@code /metrics} body: the same figures in four keys. */
  public ObjectNode metrics() {
    ObjectNode body = Json.object();
    body.set("status", overall);
    body.set("ingest", ingest);
    body.set("render", render);
    body.set("review", review);
    return body;
  }
}

package com.trafalgar.ingest;

import java.time.Instant;

/** What the dashboard may ask the ingest service (API.md 4.2, 4.4, 4.5, 9.9). */
public interface IngestSummaryView {
  /** The summary over the newest {@code window} runs (10 on the dashboard). */
  IngestSummary ingestSummary(int window);

  /** {@code POST /admin/cache}: forget the registry fingerprint so the next read re-parses. */
  void forgetFingerprint();

  /** Runs in the memoised snapshot ({@code ingest_registry.entries} of 4.4). */
  int registryEntries();

  /** Last time the registry file was read and parsed; {@code null} if never. */
  Instant registryLastRefreshAt();
}

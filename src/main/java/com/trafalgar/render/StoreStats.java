package com.trafalgar.render;

import java.time.Instant;

/**
 * The {@code store} object of {@code /render/health} (API.md 5.11), plus the writer's state:
 * {@code ok}, {@code failing} (the last journal write failed; the next one is tried) or
 * {@code down} (the writer thread stopped; nothing is written until a restart), and the last
 * write error.
 */
public record StoreStats(
    int retainedRecords,
    int lastPrunedCount,
    long totalPruned,
    Instant lastPrunedAt,
    Instant lastLoadAt,
    Instant lastSaveAt,
    Instant lastRotationAt,
    String lastRotationError,
    Long retentionSeconds,
    String state,
    String lastWriteError) {}

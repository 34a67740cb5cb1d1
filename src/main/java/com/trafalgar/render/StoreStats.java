package com.trafalgar.render;

import java.time.Instant;

/** The {@code store} object of {@code /render/health} (API.md 5.11). */
public record StoreStats(
    int retainedRecords,
    int lastPrunedCount,
    long totalPruned,
    Instant lastPrunedAt,
    Instant lastLoadAt,
    Instant lastSaveAt,
    Instant lastRotationAt,
    String lastRotationError,
    Long retentionSeconds) {}

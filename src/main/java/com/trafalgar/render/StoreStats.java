package com.trafalgar.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.json.Json;
import com.trafalgar.json.Timestamps;
import java.time.Instant;

/**
 * The {@code store} object of {@code /render/health} (API.md 5.11), plus the writer's state:
 * {@code ok}, {@code failing} (the last write failed; the next one is tried) or {@code down} (the
 * writer stopped; nothing is written until a restart), and the last write error. What each field
 * means for any store is in {@link JobStore#stats()}.
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
    String lastWriteError) {

  /** The {@code store} object, in the contract's key order. */
  public ObjectNode json() {
    ObjectNode node = Json.object();
    node.put("retained_records", retainedRecords);
    node.put("last_pruned_count", lastPrunedCount);
    node.put("total_pruned", totalPruned);
    node.put("last_pruned_at", Timestamps.format(lastPrunedAt));
    node.put("last_load_at", Timestamps.format(lastLoadAt));
    node.put("last_save_at", Timestamps.format(lastSaveAt));
    node.put("last_rotation_at", Timestamps.format(lastRotationAt));
    node.put("last_rotation_error", lastRotationError);
    node.put("retention_seconds", retentionSeconds);
    node.put("state", state);
    node.put("last_write_error", lastWriteError);
    return node;
  }
}

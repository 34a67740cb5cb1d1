package com.trafalgar.render;

import java.time.Instant;

/**
 * The figures every job store keeps for {@code /render/health} (API.md 5.11): written by the
 * store's one writer, read by any request, turned into {@link StoreStats}. A store without
 * rotation (the database) never reports one.
 */
public final class StoreFigures {
  private volatile int retainedRecords;
  private volatile int lastPrunedCount;
  private volatile long totalPruned;
  private volatile Instant lastPrunedAt;
  private volatile Instant lastLoadAt;
  private volatile Instant lastSaveAt;
  private volatile Instant lastRotationAt;
  private volatile String lastRotationError;
  private volatile String lastWriteError;

  /** The store holds {@code records} jobs now. */
  public void retained(int records) {
    retainedRecords = records;
  }

  /** Retention removed {@code count} jobs (nothing is recorded for none). */
  public void pruned(int count, Instant at) {
    if (count > 0) {
      lastPrunedCount = count;
      totalPruned += count;
      lastPrunedAt = at;
    }
  }

  public void loaded(Instant at) {
    lastLoadAt = at;
  }

  /** A write reached the disk or committed: the store is no longer failing. */
  public void saved(Instant at) {
    lastSaveAt = at;
    lastWriteError = null;
  }

  /** The snapshot file was saved without a write of changes (the error, if any, stays). */
  public void snapshotSaved(Instant at) {
    lastSaveAt = at;
  }

  /** A write failed; {@code error} is path-free (it is shown to clients). */
  public void writeFailed(String error) {
    lastWriteError = error;
  }

  public boolean failing() {
    return lastWriteError != null;
  }

  public void rotated(Instant at) {
    lastRotationAt = at;
    lastRotationError = null;
  }

  /** A rotation failed; {@code error} is path-free (it is shown to clients). */
  public void rotationFailed(String error) {
    lastRotationError = error;
  }

  /** The figures now, with the store's retention and state ({@link StoreStats}). */
  public StoreStats stats(Long retentionSeconds, String state) {
    return new StoreStats(retainedRecords, lastPrunedCount, totalPruned, lastPrunedAt,
        lastLoadAt, lastSaveAt, lastRotationAt, lastRotationError, retentionSeconds, state,
        lastWriteError);
  }
}

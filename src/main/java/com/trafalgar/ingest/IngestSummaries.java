package com.trafalgar.ingest;

import com.trafalgar.json.Timestamps;
import java.time.Instant;
import java.util.List;

/** The dashboard's ingest summary (API.md 9.9) over the newest runs. */
public final class IngestSummaries {
  private IngestSummaries() {}

  /**
   * Summarises {@code runs}, newest first (API order, already cut to the window): successful =
   * completed without invalid files, failed = completed with some, running = not completed; the
   * failure streak counts failed runs from the newest and stops at the first other run.
   */
  public static IngestSummary of(List<IngestRun> runs) {
    int successful = 0;
    int failed = 0;
    int running = 0;
    int streak = 0;
    boolean streakOpen = true;
    Instant lastSuccess = null;
    for (IngestRun run : runs) {
      // a run's status is derived (6.2): completed exactly when completed_at is set
      boolean completed = run.completedAt() != null;
      boolean isFailure = completed && run.invalidCount() > 0;
      if (completed && run.invalidCount() == 0) {
        successful++;
        if (lastSuccess == null || run.completedAt().isAfter(lastSuccess)) {
          lastSuccess = run.completedAt();
        }
      } else if (isFailure) {
        failed++;
      } else {
        running++;
      }
      if (streakOpen && isFailure) {
        streak++;
      } else {
        streakOpen = false;
      }
    }
    return new IngestSummary(
        runs.size(), successful, failed, running, Timestamps.format(lastSuccess), streak);
  }
}

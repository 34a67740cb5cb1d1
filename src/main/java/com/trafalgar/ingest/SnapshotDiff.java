package com.trafalgar.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.json.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The run events between two good snapshots (API.md 6.6): {@code run.created} for a new id and
 * {@code run.updated} for a changed payload, in the new registry order, then {@code run.removed}
 * for every id gone from the whole registry, in the previous snapshot's order.
 */
public final class SnapshotDiff {
  public static final String CREATED = "run.created";
  public static final String UPDATED = "run.updated";
  public static final String REMOVED = "run.removed";

  /**
   * One change to publish.
   *
   * @param event {@code run.created}, {@code run.updated} or {@code run.removed}
   * @param run the {@code run} value of the payload (8.1): the run payload, or {@code {"id"}}
   */
  public record RunChange(String event, ObjectNode run) {}

  private SnapshotDiff() {}

  public static List<RunChange> between(RunSnapshot previous, RunSnapshot next) {
    List<RunChange> changes = new ArrayList<>();
    List<IngestRun> before = previous.fileOrder();
    List<IngestRun> after = next.fileOrder();
    // A rewrite usually keeps every run in its place: compare position by position first, and
    // look ids up only where the order differs (two hash lookups per run of a 10,000-run
    // registry, twenty times a second, were a sixth of the reload).
    boolean sameOrder = before.size() == after.size();
    for (int i = 0; i < after.size(); i++) {
      IngestRun run = after.get(i);
      IngestRun old = i < before.size() ? before.get(i) : null;
      if (old == null || !old.id().equals(run.id())) {
        sameOrder = false;
        old = previous.find(run.id());
      }
      if (old == null) {
        changes.add(new RunChange(CREATED, run.payload()));
      } else if (old != run && !Arrays.equals(old.json(), run.json())) {
        changes.add(new RunChange(UPDATED, run.payload()));
      }
    }
    if (sameOrder) {
      return changes; // the same ids in the same places: nothing was removed
    }
    for (IngestRun run : before) {
      if (next.find(run.id()) == null) {
        ObjectNode removed = Json.object();
        removed.put("id", run.id());
        changes.add(new RunChange(REMOVED, removed));
      }
    }
    return changes;
  }
}

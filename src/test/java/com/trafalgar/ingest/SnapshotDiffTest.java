package com.trafalgar.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotDiffTest {
  static List<String> describe(List<SnapshotDiff.RunChange> changes) {
    return changes.stream().map(c -> c.event() + " " + c.run().get("id").asText()).toList();
  }

  @Test
  void createdUpdatedInRegistryOrderThenRemovedInPreviousOrder() {
    RunSnapshot before = Runs.snapshot(
        Runs.record("gone-1", "2024-01-01T00:00:00Z", null, 0),
        Runs.record("same", "2024-01-01T00:00:00Z", null, 0),
        Runs.record("changes", "2024-01-01T00:00:00Z", null, 0),
        Runs.record("gone-2", "2024-01-01T00:00:00Z", null, 0));
    RunSnapshot after = Runs.snapshot(
        Runs.record("new-1", "2024-01-02T00:00:00Z", null, 0),
        Runs.record("changes", "2024-01-01T00:00:00Z", "2024-01-01T01:00:00Z", 0),
        Runs.record("same", "2024-01-01T00:00:00Z", null, 0),
        Runs.record("new-2", null, null, 0));
    List<SnapshotDiff.RunChange> changes = SnapshotDiff.between(before, after);
    assertEquals(List.of("run.created new-1", "run.updated changes", "run.created new-2",
        "run.removed gone-1", "run.removed gone-2"), describe(changes));
    assertEquals(after.find("changes").payload(), changes.get(1).run());
    // a removal carries only the id
    assertEquals(1, changes.get(3).run().size());
  }

  @Test
  void equalSnapshotsHaveNoChanges() {
    String record = Runs.record("a", "2024-01-01T00:00:00Z", null, 1);
    assertEquals(List.of(), SnapshotDiff.between(Runs.snapshot(record), Runs.snapshot(record)));
  }

  @Test
  void anEquivalentRewriteIsNotAnUpdate() {
    // another offset and key order, same payload
    RunSnapshot before =
        Runs.snapshot("{\"id\": \"a\", \"started_at\": \"2024-01-01T01:00:00+01:00\"}");
    RunSnapshot after =
        Runs.snapshot("{\"started_at\": \"2024-01-01T00:00:00Z\", \"run_id\": \"a\"}");
    assertEquals(List.of(), SnapshotDiff.between(before, after));
  }

  @Test
  void emptyingTheRegistryRemovesEveryRun() {
    RunSnapshot before = Runs.snapshot(Runs.record("a", null, null, 0),
        Runs.record("b", null, null, 0));
    assertEquals(List.of("run.removed a", "run.removed b"),
        describe(SnapshotDiff.between(before, RunSnapshot.EMPTY)));
  }

  @Test
  void runsKeptInPlaceAreComparedByPositionAndAReplacedRunIsRemovedAndCreated() {
    RunSnapshot before = Runs.snapshot(Runs.record("a", null, null, 0),
        Runs.record("b", null, null, 0), Runs.record("c", null, null, 0));
    RunSnapshot after = Runs.snapshot(Runs.record("a", null, null, 0),
        Runs.record("x", null, null, 0), Runs.record("c", "2024-01-01T00:00:00Z", null, 0));
    assertEquals(List.of("run.created x", "run.updated c", "run.removed b"),
        describe(SnapshotDiff.between(before, after)));
  }

  @Test
  void aReorderedRegistryIsNeitherAnUpdateNorARemoval() {
    RunSnapshot before = Runs.snapshot(Runs.record("a", null, null, 0),
        Runs.record("b", null, null, 0));
    RunSnapshot after = Runs.snapshot(Runs.record("b", null, null, 0),
        Runs.record("a", null, null, 0));
    assertEquals(List.of(), describe(SnapshotDiff.between(before, after)));
  }
}

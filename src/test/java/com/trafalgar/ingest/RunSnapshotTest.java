package com.trafalgar.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.trafalgar.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunSnapshotTest {
  static final ObjectMapper PLAIN = new ObjectMapper();

  final RunSnapshot snapshot = Runs.snapshot(
      Runs.record("no-start-1", null, null, 0),
      Runs.record("old", "2024-01-01T10:00:00Z", null, 0),
      Runs.record("tie-a", "2024-01-02T10:00:00+00:00", null, 0),
      Runs.record("invalid-start", "not a time", null, 0),
      Runs.record("newest", "2024-01-03T09:00:00-05:00", null, 0),
      Runs.record("tie-b", "2024-01-02T12:00:00+02:00", null, 0),
      Runs.record("naive", "2024-01-02T11:00:00", null, 0),
      Runs.record("no-start-2", null, null, 0));

  @Test
  void apiOrderIsNewestFirstMissingLastTiesInFileOrder() {
    assertEquals(List.of("newest", "naive", "tie-a", "tie-b", "old",
        "no-start-1", "invalid-start", "no-start-2"), Runs.ids(snapshot.apiOrder()));
    assertEquals("no-start-1", snapshot.fileOrder().get(0).id());
  }

  @Test
  void listingIsTheFirstRunsAsAJsonArray() throws IOException {
    JsonNode three = PLAIN.readTree(snapshot.listing(3));
    assertEquals(3, three.size());
    List<String> ids = new ArrayList<>();
    three.forEach(run -> ids.add(run.get("id").asText()));
    assertEquals(List.of("newest", "naive", "tie-a"), ids);
    assertEquals(PLAIN.readTree(snapshot.find("naive").json()), three.get(1));
    assertEquals(8, PLAIN.readTree(snapshot.listing(100)).size());
    // computed once per snapshot and limit
    assertSame(snapshot.listing(20), snapshot.listing(20));
    assertEquals("[]", new String(RunSnapshot.EMPTY.listing(20)));
  }

  @Test
  void lookupIsExactAndCoversTheWholeRegistry() {
    List<String> records = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      records.add(Runs.record("run-" + i, "2024-01-01T00:00:00Z", null, 0));
    }
    RunSnapshot big = Runs.snapshot(records.toArray(String[]::new));
    assertEquals("run-499", big.find("run-499").id());
    assertNull(big.find("RUN-1"));
    assertNull(big.find("run-1 "));
    assertNull(big.find(null));
  }

  @Test
  void itemsAreAllRunsInApiOrderAsTheirOwnBytes() throws IOException {
    JsonNode items = PLAIN.readTree(Json.compact(snapshot.items()));
    assertEquals(8, items.size());
    assertEquals("newest", items.get(0).get("id").asText());
    assertEquals(snapshot.find("newest").payload(), items.get(0));
  }
}

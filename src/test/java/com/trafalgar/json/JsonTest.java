package com.trafalgar.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTest {
  record Sample(String jobId, Double durationSeconds, Integer chunkSize) {}

  @Test
  void recordsAreSnakeCaseWithNullsAndFloats() {
    assertEquals("{\"job_id\":\"j\",\"duration_seconds\":30.0,\"chunk_size\":null}",
        Json.compact(new Sample("j", 30.0, null)));
  }

  @Test
  void prettySortedIsTwoSpaceWithSortedKeys() {
    ObjectNode node = Json.object();
    node.put("z", 1);
    node.putArray("empty");
    node.putObject("a").put("y", "x").putNull("b");
    String text = new String(Json.prettySorted(node), StandardCharsets.UTF_8);
    assertEquals("""
        {
          "a": {
            "b": null,
            "y": "x"
          },
          "empty": [],
          "z": 1
        }
        """, text);
  }
}

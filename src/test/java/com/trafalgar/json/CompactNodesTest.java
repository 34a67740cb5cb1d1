package com.trafalgar.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Compact trees ({@link Json#readCompact}, {@link CompactNodes}, {@link SmallMap}) behave exactly
 * as Jackson's own: equal trees, the same text when written, the same answers to every change an
 * {@code ObjectNode} makes to its map, small objects and large ones alike.
 */
class CompactNodesTest {

  @Test
  void aCompactParseEqualsThePlainOneAndWritesTheSameText() throws Exception {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      String text = Json.compact(randomValue(random, 0));
      JsonNode plain = Json.mapper().readTree(text);
      JsonNode compact = Json.readCompact(text.getBytes(StandardCharsets.UTF_8));
      assertEquals(plain, compact, text);
      assertEquals(compact, plain, text);
      assertEquals(plain.hashCode(), compact.hashCode(), text);
      assertEquals(Json.compact(plain), Json.compact(compact), text);
      assertEquals(plain, compact.deepCopy());
    }
  }

  @Test
  void repeatedShortStringsOfOneParseShareOneNode() throws Exception {
    JsonNode versions = Json.readCompact("""
        [{"project": "Atlas Rising", "status": "rev"}, {"project": "Atlas Rising", "status": "rev"}]
        """);
    assertSame(versions.get(0).get("project"), versions.get(1).get("project"));
    assertSame(versions.get(0).get("status"), versions.get(1).get("status"));
    JsonNode other = Json.readCompact("{\"project\": \"Atlas Rising\"}");
    assertNotSame(versions.get(0).get("project"), other.get("project"));
    // after the parse the tree takes additions like any other
    ((ObjectNode) versions.get(0)).put("user", "J. Okafor");
    assertEquals("J. Okafor", versions.get(0).get("user").textValue());
  }

  @Test
  void everyChangeAnObjectNodeMakesWorksOnSmallAndLargeObjects() {
    for (int keys : new int[] {0, 1, 3, 16, 17, 40}) {
      ObjectNode compact = CompactNodes.OBJECTS.objectNode();
      ObjectNode plain = Json.object();
      for (int i = 0; i < keys; i++) {
        compact.put("k" + i, i);
        plain.put("k" + i, i);
      }
      assertEquals(plain, compact);
      compact.put("k0", "again");
      plain.put("k0", "again");
      compact.remove("k1");
      plain.remove("k1");
      compact.putObject("child").put("x", 1);
      plain.putObject("child").put("x", 1);
      assertEquals(plain, compact, "keys " + keys);
      assertEquals(Json.compact(plain), Json.compact(compact), "keys " + keys);
      // remove through the fields iterator, as some callers do
      for (ObjectNode node : List.of(compact, plain)) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
          if (fields.next().getKey().endsWith("2")) {
            fields.remove();
          }
        }
      }
      assertEquals(plain, compact, "keys " + keys);
      assertEquals(Json.compact(plain), Json.compact(compact));
      assertEquals(plain.size(), compact.size());
      assertNull(compact.get("k2"));
      assertFalse(compact.has("k12"));
      assertTrue(compact.has("child"));
      compact.removeAll();
      assertEquals(0, compact.size());
    }
  }

  @Test
  void aSmallMapKeepsInsertionOrderAcrossItsIndexThreshold() {
    SmallMap<String, Integer> map = new SmallMap<>();
    List<String> order = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      map.put("key" + (29 - i), i);
      order.add("key" + (29 - i));
    }
    assertEquals(order, new ArrayList<>(map.keySet()));
    for (int i = 0; i < 20; i++) {
      assertEquals(i, map.remove("key" + (29 - i)));
      order.remove(0);
    }
    assertEquals(order, new ArrayList<>(map.keySet()));
    assertEquals(25, map.get("key4"));
    assertNull(map.get("key29"));
  }

  private static Object randomValue(Random random, int depth) {
    int kind = depth > 3 ? random.nextInt(4) : random.nextInt(6);
    switch (kind) {
      case 0:
        return random.nextInt(1000) - 500;
      case 1:
        return List.of("rev", "apr", "Atlas Rising", "", "é", "a\"b").get(random.nextInt(6));
      case 2:
        return random.nextBoolean();
      case 3:
        return random.nextInt(3) == 0 ? null : random.nextDouble();
      case 4: {
        List<Object> list = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
          list.add(randomValue(random, depth + 1));
        }
        return list;
      }
      default: {
        Map<String, Object> object = new java.util.LinkedHashMap<>();
        for (int i = random.nextInt(25); i > 0; i--) {
          object.put("f" + random.nextInt(30), randomValue(random, depth + 1));
        }
        return object;
      }
    }
  }
}

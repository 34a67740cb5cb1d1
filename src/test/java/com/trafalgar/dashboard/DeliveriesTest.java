package com.trafalgar.dashboard;

import static com.trafalgar.dashboard.Records.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deliveries of API.md 9.8 over real files. */
class DeliveriesTest {
  @TempDir Path root;
  private final MutableClock clock = new MutableClock("2024-05-20T09:00:00Z");

  private Path manifest(String project, String delivery, String content) throws IOException {
    Path dir = Files.createDirectories(root.resolve(project).resolve(delivery));
    return Files.writeString(dir.resolve("manifest.json"), content, StandardCharsets.UTF_8);
  }

  private static List<String> ids(List<ObjectNode> entries) {
    List<String> ids = new ArrayList<>();
    entries.forEach(e -> ids.add(e.get("delivery_id").asText()));
    return ids;
  }

  @Test
  void entriesCarryEveryFieldAndFilesPassThrough() throws IOException {
    manifest("alpha", "alpha-daily-0520", """
        {"name": "Alpha daily 0520", "created_at": "2024-05-20T11:15:00+02:00",
         "files": [{"path": "a.mov", "size": 734003200, "checksum": "b0e1c6d3", "codec": "x"},
                   "junk", 3]}""");
    List<ObjectNode> entries = new Deliveries(root, clock, 32).list("alpha");
    assertEquals(json("""
        [{"project": "alpha", "name": "Alpha daily 0520", "archive": null,
          "manifest": "alpha/alpha-daily-0520/manifest.json", "delivery_id": "alpha-daily-0520",
          "created_at": "2024-05-20T09:15:00+00:00",
          "items": [{"path": "a.mov", "size": 734003200, "checksum": "b0e1c6d3", "codec": "x"}],
          "file_count": 1}]"""), json(entries.toString()));
  }

  @Test
  void plainArraysDirectoryNamesAndFileTimesFillTheGaps() throws IOException {
    Path file = manifest("alpha", "d1", "[{\"path\": \"x\"}]");
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2024-01-02T03:04:05Z")));
    ObjectNode entry = new Deliveries(root, clock, 32).list("alpha").get(0);
    assertEquals("d1", entry.get("name").asText());
    assertTrue(entry.get("archive").isNull());
    assertEquals("2024-01-02T03:04:05+00:00", entry.get("created_at").asText());
  }

  @Test
  void orderIsNewestFirstUnparsableLastTiesByIdAndBadDirectoriesAreSkipped()
      throws IOException {
    manifest("p", "b-old", "{\"created_at\": \"2024-01-01T00:00:00Z\", \"files\": []}");
    manifest("p", "z-new", "{\"created_at\": \"2024-06-01T00:00:00Z\", \"files\": []}");
    manifest("p", "a-new", "{\"created_at\": \"2024-06-01T00:00:00+00:00\", \"files\": []}");
    manifest("p", "c-weird", "{\"created_at\": \"someday\", \"files\": []}");
    manifest("p", ".hidden", "{\"files\": []}");
    manifest("p", "broken", "{not json");
    manifest("p", "no-files", "{\"name\": \"x\"}");
    Files.createDirectories(root.resolve("p").resolve("empty"));
    Files.writeString(root.resolve("p").resolve("stray.txt"), "x");
    List<ObjectNode> entries = new Deliveries(root, clock, 32).list("p");
    assertEquals(List.of("a-new", "z-new", "b-old", "c-weird"), ids(entries));
    assertEquals("someday", entries.get(3).get("created_at").asText());
  }

  @Test
  void unsafeOrUnknownProjectsAndNoRootHaveNoDeliveries() throws IOException {
    manifest("alpha", "d", "[]");
    Deliveries deliveries = new Deliveries(root, clock, 32);
    for (String project : new String[] {".", "..", "alpha/d", "a\\b", "ALPHA", "nope"}) {
      assertEquals(List.of(), deliveries.list(project), project);
    }
    assertEquals(List.of(), new Deliveries(null, clock, 32).list("alpha"));
  }

  @Test
  void filesAreFoundByIdOrManifestPathWithinTheProjectOnly() throws IOException {
    manifest("alpha", "d1", "{\"files\": [{\"path\": \"x\", \"bit_depth\": 16}, 7]}");
    manifest("beta", "d2", "[]");
    Deliveries deliveries = new Deliveries(root, clock, 32);
    assertEquals("[{\"path\":\"x\",\"bit_depth\":16}]",
        deliveries.files("alpha", "d1").orElseThrow().toString());
    assertTrue(deliveries.files("alpha", "alpha/d1/manifest.json").isPresent());
    assertFalse(deliveries.files("alpha", "d2").isPresent());
    assertFalse(deliveries.files("beta", "d1").isPresent());
  }

  @Test
  void callersReceiveCopies() throws IOException {
    manifest("alpha", "d1", "[{\"path\": \"x\"}]");
    Deliveries deliveries = new Deliveries(root, clock, 32);
    ArrayNode files = deliveries.files("alpha", "d1").orElseThrow();
    ((ObjectNode) files.get(0)).put("path", "changed");
    ((ArrayNode) deliveries.list("alpha").get(0).get("items")).removeAll();
    assertEquals("x", deliveries.files("alpha", "d1").orElseThrow().get(0).get("path").asText());
    assertEquals(1, deliveries.list("alpha").get(0).get("items").size());
  }

  @Test
  void manifestLruEvictsTheLeastRecentlyUsedAndRevalidatesByFingerprint() throws IOException {
    manifest("p", "a", "[]");
    manifest("p", "b", "[]");
    manifest("q", "c", "[]");
    Deliveries deliveries = new Deliveries(root, clock, 2);
    deliveries.list("p");
    assertEquals(2, deliveries.cachedKeys().size());
    deliveries.files("p", "a"); // the scan touches a and b; the match then reads a again
    assertEquals("p/a", deliveries.cachedKeys().get(1));
    deliveries.list("q"); // evicts b, the least recently used
    assertEquals(List.of("p/a", "q/c"), deliveries.cachedKeys());
    assertEquals(1, deliveries.stats().evictions());
    assertEquals(Instant.parse("2024-05-20T09:00:00Z"), deliveries.stats().lastRefreshAt());

    Path changed = manifest("q", "c", "[{\"path\": \"new\"}, {\"path\": \"two\"}]");
    Files.setLastModifiedTime(changed, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
    assertEquals(2, deliveries.list("q").get(0).get("file_count").asInt());

    deliveries.flush();
    assertEquals(0, deliveries.stats().entries());
    assertEquals(1, deliveries.stats().evictions());
  }

  @Test
  void hostileNumbersInAManifestAreReadCheaplyOrSkipped() throws IOException {
    manifest("alpha", "tiny", "{\"created_at\": -1e-40000000, \"files\": []}");
    // an exponent beyond 32 bits: no BigDecimal holds it, the manifest is unreadable
    manifest("alpha", "beyond", "{\"created_at\": 1e-99999999999, \"files\": []}");
    List<ObjectNode> entries = new Deliveries(root, clock, 32).list("alpha");
    assertEquals(List.of("tiny"), ids(entries));
    assertEquals("1969-12-31T23:59:59.999999+00:00", entries.get(0).get("created_at").asText());
  }
}

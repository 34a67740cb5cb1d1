package com.trafalgar.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.trafalgar.events.DomainEvent;
import com.trafalgar.events.EventDomain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clustered mode's take-over of the watcher (docs/cluster.md, <i>Run events</i>): what the
 * registry reports as published, and a rebase that makes the next read, even of an unchanged
 * file, publish the differences from what the cluster logged.
 */
class RunRegistryRebaseTest {
  @TempDir Path dir;
  Path file;
  final EventDomain domain = new EventDomain("ingest", 64, 1_000L, "runs.snapshot", "runs");
  final List<String> published = new ArrayList<>();
  RunRegistry registry;

  @BeforeEach
  void setUp() throws IOException {
    file = dir.resolve("ingest_runs.json");
    domain.subscribe(event -> published.add(describe(event)));
    registry = new RunRegistry(file, domain, Clock.systemUTC());
    write(List.of("a", "b", "c"));
  }

  private static String describe(DomainEvent event) {
    return event.name() + " " + event.payload().get("run").get("id").asText();
  }

  private void write(List<String> ids) throws IOException {
    List<String> runs = new ArrayList<>();
    ids.forEach(id -> runs.add(Runs.record(id, "2024-01-01T00:00:00Z", null, 0)));
    Files.writeString(file, Runs.array(runs));
    Files.setLastModifiedTime(file, FileTime.fromMillis(
        Files.getLastModifiedTime(file).toMillis() + 1000));
  }

  @Test
  void nothingIsPublishedBeforeTheFirstRead() {
    assertTrue(domain.atomically(registry::published).isEmpty());
  }

  @Test
  void publishedRunsAreTheLastGoodSnapshotAsCompactJson() {
    registry.read();
    Map<String, String> runs = domain.atomically(registry::published).orElseThrow();
    assertEquals(List.of("a", "b", "c"), List.copyOf(runs.keySet()));
    assertTrue(runs.get("a").startsWith("{\"id\":\"a\""), runs.get("a"));
  }

  @Test
  void aRebasedRegistryPublishesTheDifferencesFromWhatTheClusterLogged() {
    registry.read();
    Map<String, String> current = domain.atomically(registry::published).orElseThrow();
    // the cluster logged a and an older b, and a run d this file no longer has
    Map<String, String> logged = new LinkedHashMap<>();
    logged.put("a", current.get("a"));
    logged.put("b", "{\"id\":\"b\",\"status\":\"older\"}");
    logged.put("d", "{\"id\":\"d\"}");
    domain.atomically(() -> registry.rebase(logged));
    registry.read(); // the file did not change: read again all the same
    assertEquals(List.of("run.updated b", "run.created c", "run.removed d"), published);
    published.clear();
    registry.read();
    assertEquals(List.of(), published, "the rebase applies once");
  }
}

package com.trafalgar.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.trafalgar.config.ConfigReader;
import com.trafalgar.events.EventDomains;
import com.trafalgar.metrics.OperationalMetrics;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service's wiring without a server: snapshot source, health, dashboard view, watcher. */
class IngestServiceTest {
  static final Instant NOW = Instant.parse("2024-05-20T09:01:02Z");

  @TempDir Path dir;
  IngestService service;
  EventDomains domains;

  IngestService start(Map<String, String> settings) throws Exception {
    ConfigReader config = new ConfigReader(name -> Optional.ofNullable(settings.get(name)));
    domains = new EventDomains(config, new OperationalMetrics());
    // the container calls the @PostConstruct methods
    Method startDomains = EventDomains.class.getDeclaredMethod("start");
    startDomains.setAccessible(true);
    startDomains.invoke(domains);
    service = new IngestService(config, domains, Clock.fixed(NOW, ZoneOffset.UTC));
    service.start();
    return service;
  }

  @AfterEach
  void stop() {
    if (service != null) {
      service.stop();
    }
  }

  Path registryWith(int runs) throws Exception {
    List<String> records = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      // run-00 is the oldest; every third run failed, run-11 is still running
      records.add(Runs.record(String.format("run-%02d", i),
          String.format("2024-05-01T%02d:00:00Z", i),
          i == 11 ? null : String.format("2024-05-01T%02d:30:00Z", i), i % 3 == 0 ? 1 : 0));
    }
    Path file = dir.resolve("ingest_runs.json");
    Files.writeString(file, Runs.array(records));
    return file;
  }

  @Test
  void servesHealthTheStreamSnapshotAndTheDashboardView() throws Exception {
    Path file = registryWith(12);
    IngestService ingest = start(Map.of("ONEPIECE_INGEST_REGISTRY", file.toString(),
        "TRAFALGAR_INGEST_WATCH_INTERVAL", "0"));

    JsonNode health = new ObjectMapper().readTree(ingest.health().toString());
    assertEquals(List.of("status", "registry", "events"), fieldNames(health));
    assertEquals("{\"state\":\"ok\",\"runs\":12,\"last_loaded_at\":\"2024-05-20T09:01:02+00:00\"}",
        health.get("registry").toString());
    assertEquals(List.of("subscribers", "published_total", "trimmed_total",
        "disconnected_total", "last_event_id", "replay_buffer_capacity"),
        fieldNames(health.get("events")));
    assertEquals(0, health.get("events").get("published_total").asInt());

    // the stream transports take the ingest snapshot from the registered source
    JsonNode snapshot = new ObjectMapper().readTree(domains.ingest().snapshotPayload().toString());
    assertEquals("runs.snapshot", snapshot.get("event").asText());
    assertEquals("run-11", snapshot.get("runs").get(0).get("id").asText());
    assertEquals("run-00", snapshot.get("runs").get(11).get("id").asText());
    assertEquals(12, snapshot.get("runs").size());

    // newest 10: run-11 (running), run-10, run-09 (failed), ... run-02
    assertEquals(new IngestSummary(10, 6, 3, 1, "2024-05-01T10:30:00+00:00", 0),
        ingest.ingestSummary(10));
    assertEquals(12, ingest.registryEntries());
    assertEquals(NOW, ingest.registryLastRefreshAt());
    ingest.forgetFingerprint();
    assertEquals(0, ingest.registryEntries());
    assertNull(ingest.registryLastRefreshAt());
    assertEquals(12, new ObjectMapper().readTree(ingest.listing(20)).size());
    assertEquals(12, ingest.registryEntries());
    assertTrue(ingest.run("run-00").isPresent());
    assertFalse(ingest.run("run-12").isPresent());
  }

  @Test
  void aMissingDefaultStyleRegistryIsMissingAndTheWatcherStopsWithTheService() throws Exception {
    IngestService ingest = start(Map.of(
        "ONEPIECE_INGEST_REGISTRY", dir.resolve("absent.json").toString(),
        "TRAFALGAR_INGEST_WATCH_INTERVAL", "0.01"));
    assertEquals("{\"state\":\"missing\",\"runs\":0,\"last_loaded_at\":null}",
        ingest.health().get("registry").toString());
    assertTrue(watcherThreads() > 0);
    ingest.stop();
    service = null;
    assertEquals(0, watcherThreads());
  }

  static long watcherThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(RegistryWatcher.THREAD_NAME) && t.isAlive())
        .count();
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}

package com.trafalgar.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.trafalgar.config.ConfigReader;
import com.trafalgar.config.IngestSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IngestSettingsTest {
  static IngestSettings settings(Map<String, String> values) {
    return IngestSettings.from(new ConfigReader(name -> Optional.ofNullable(values.get(name))));
  }

  @Test
  void defaults() {
    IngestSettings settings = settings(Map.of());
    assertEquals(Path.of(System.getProperty("user.home"), ".cache/onepiece/ingest_runs.json"),
        settings.registry());
    assertEquals(2.0, settings.watchIntervalSeconds());
    assertEquals(Duration.ofSeconds(2), settings.watchInterval());
    assertTrue(settings.watcherEnabled());
  }

  @Test
  void homeIsExpandedAndValuesTrimmed() {
    IngestSettings settings = settings(Map.of(
        "ONEPIECE_INGEST_REGISTRY", " ~/runs/registry.json ",
        "TRAFALGAR_INGEST_WATCH_INTERVAL", " 0.25 "));
    assertEquals(Path.of(System.getProperty("user.home"), "runs/registry.json"),
        settings.registry());
    assertEquals(Duration.ofMillis(250), settings.watchInterval());
    assertEquals(Path.of("/srv/reg.json"),
        settings(Map.of("ONEPIECE_INGEST_REGISTRY", "/srv/reg.json")).registry());
  }

  @Test
  void theDottedPropertyFormIsAccepted() {
    assertEquals(Path.of("/srv/dotted.json"),
        settings(Map.of("onepiece.ingest.registry", "/srv/dotted.json")).registry());
  }

  @Test
  void zeroOrNegativeDisablesTheWatcherAndGarbageIsTheDefault() {
    assertFalse(settings(Map.of("TRAFALGAR_INGEST_WATCH_INTERVAL", "0")).watcherEnabled());
    assertFalse(settings(Map.of("TRAFALGAR_INGEST_WATCH_INTERVAL", "-1.5")).watcherEnabled());
    IngestSettings garbage = settings(Map.of("TRAFALGAR_INGEST_WATCH_INTERVAL", "soon"));
    assertEquals(2.0, garbage.watchIntervalSeconds());
    assertTrue(garbage.watcherEnabled());
  }
}

package com.trafalgar.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.trafalgar.config.ConfigReader;
import com.trafalgar.config.RenderSettings;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The render variables of API.md 10: defaults, parsing and clamping. */
class RenderSettingsTest {
  static RenderSettings settings(Map<String, String> values) {
    return RenderSettings.from(new ConfigReader(name -> Optional.ofNullable(values.get(name))));
  }

  @Test
  void defaults() {
    RenderSettings settings = settings(Map.of());
    assertEquals(Optional.empty(), settings.jobsPath());
    assertEquals(Optional.empty(), settings.historyLimit());
    assertEquals(Optional.empty(), settings.retention());
    assertEquals(5.0, settings.pollIntervalSeconds());
    assertEquals(1.0, settings.persistIntervalSeconds());
    assertEquals(new BigDecimal("0.2"), settings.mockSecondsPerFrame());
  }

  @Test
  void valuesAreParsed() {
    RenderSettings settings = settings(Map.of(
        "TRAFALGAR_RENDER_JOBS_PATH", " /var/lib/jobs.json ",
        "TRAFALGAR_RENDER_JOBS_HISTORY_LIMIT", "500",
        "TRAFALGAR_RENDER_JOBS_RETENTION_HOURS", "1.5",
        "TRAFALGAR_RENDER_STATUS_POLL_INTERVAL", "0",
        "TRAFALGAR_RENDER_STORE_PERSIST_INTERVAL", "-1",
        "TRAFALGAR_MOCK_FARM_SECONDS_PER_FRAME", "0"));
    assertEquals(Optional.of(Path.of("/var/lib/jobs.json")), settings.jobsPath());
    assertEquals(Optional.of(500), settings.historyLimit());
    assertEquals(Optional.of(Duration.ofMinutes(90)), settings.retention());
    assertEquals(0.0, settings.pollIntervalSeconds());
    assertEquals(-1.0, settings.persistIntervalSeconds());
    assertEquals(0, settings.mockSecondsPerFrame().signum());
  }

  @Test
  void unusableValuesAreReplaced() {
    RenderSettings settings = settings(Map.of(
        "TRAFALGAR_RENDER_JOBS_HISTORY_LIMIT", "2.5",
        "TRAFALGAR_RENDER_JOBS_RETENTION_HOURS", "-3",
        "TRAFALGAR_RENDER_STATUS_POLL_INTERVAL", "soon",
        "TRAFALGAR_MOCK_FARM_SECONDS_PER_FRAME", "-1"));
    assertEquals(Optional.empty(), settings.historyLimit());
    assertEquals(Optional.empty(), settings.retention());
    assertEquals(5.0, settings.pollIntervalSeconds());
    assertEquals(new BigDecimal("0.2"), settings.mockSecondsPerFrame());
    assertEquals(Optional.empty(), settings(Map.of("TRAFALGAR_RENDER_JOBS_HISTORY_LIMIT", "0"))
        .historyLimit());
    assertEquals(BigDecimal.valueOf(3600),
        settings(Map.of("TRAFALGAR_MOCK_FARM_SECONDS_PER_FRAME", "9999")).mockSecondsPerFrame());
    assertEquals(604800L, settings(Map.of("TRAFALGAR_RENDER_JOBS_RETENTION_HOURS", "168"))
        .retention().orElseThrow().getSeconds());
  }
}

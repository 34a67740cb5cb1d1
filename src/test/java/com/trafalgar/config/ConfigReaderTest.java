package com.trafalgar.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {

  private static ConfigReader reader(String... pairs) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      values.put(pairs[i], pairs[i + 1]);
    }
    return new ConfigReader(name -> Optional.ofNullable(values.get(name)));
  }

  @Test
  void valuesAreTrimmedAndEmptyMeansUnset() {
    assertEquals(Optional.of("x"), reader("A_B", "  x ").string("A_B"));
    assertEquals(Optional.empty(), reader("A_B", "   ").string("A_B"));
    assertEquals(Optional.empty(), reader().string("A_B"));
  }

  @Test
  void dottedLowerCaseNameIsAccepted() {
    assertEquals(Optional.of("/tmp/jobs.json"),
        reader("trafalgar.render.jobs.path", "/tmp/jobs.json").string("TRAFALGAR_RENDER_JOBS_PATH"));
    assertEquals(Optional.of("env"),
        reader("TRAFALGAR_X", "env", "trafalgar.x", "prop").string("TRAFALGAR_X"));
  }

  @Test
  void firstSetAliasWins() {
    assertEquals(Optional.of("b"), reader("SHOTGRID_URL", "b").firstString("ONEPIECE_SHOTGRID_URL",
        "SHOTGRID_URL"));
    assertEquals(Optional.of("a"), reader("ONEPIECE_SHOTGRID_URL", "a", "SHOTGRID_URL", "b")
        .firstString("ONEPIECE_SHOTGRID_URL", "SHOTGRID_URL"));
  }

  @Test
  void homeIsExpanded() {
    String home = System.getProperty("user.home");
    assertEquals(Path.of(home, ".cache/x.json"), reader("P", "~/.cache/x.json").path("P").get());
    assertEquals(Path.of(home), reader("P", "~").path("P").get());
    assertEquals(Path.of("/abs"), reader("P", "/abs").path("P").get());
    assertEquals(Path.of(home, ".local/share/trafalgar"),
        reader().path("P", "~/.local/share/trafalgar"));
  }

  @Test
  void flags() {
    assertTrue(reader("F", "TRUE").flag("F"));
    assertTrue(reader("F", "true").flag("F"));
    assertFalse(reader("F", "false").flag("F"));
    assertFalse(reader("F", "yes").flag("F"));
    assertFalse(reader().flag("F"));
  }

  @Test
  void numbers() {
    assertEquals(Optional.of(new BigDecimal("2.5")), reader("N", "2.5").decimal("N", "d"));
    assertEquals(Optional.empty(), reader("N", "abc").decimal("N", "d"));
    assertEquals(Optional.empty(), reader("N", "2.5").integer("N", "d"));
    assertEquals(Optional.of(new BigDecimal("-3")), reader("N", "-3").integer("N", "d"));
    assertEquals(1.5, reader("N", "1.5").seconds("N", 30), 0.0);
    assertEquals(30, reader("N", "x").seconds("N", 30), 0.0);
  }

  @Test
  void eventSettingsClampAndDefault() {
    EventSettings defaults = EventSettings.from(reader());
    assertEquals(new EventSettings(1024, 64, 10, 30, 30,
        EventSettings.defaultWriterThreads()), defaults);
    EventSettings tuned = EventSettings.from(reader(
        "TRAFALGAR_EVENT_REPLAY_BUFFER", "500000",
        "TRAFALGAR_EVENT_SUBSCRIBER_BUFFER", "0",
        "TRAFALGAR_EVENT_WRITE_TIMEOUT", "-1",
        "TRAFALGAR_RENDER_SSE_KEEPALIVE_INTERVAL", "0.5",
        "TRAFALGAR_INGEST_SSE_KEEPALIVE_INTERVAL", "soon",
        "TRAFALGAR_EVENT_WRITER_THREADS", "3"));
    assertEquals(new EventSettings(100_000, 64, 10, 0.5, 30, 3), tuned);
  }

  @Test
  void securitySettingsDefaultsAndToStringHidesSecrets() {
    SecuritySettings settings = SecuritySettings.from(reader(
        "TRAFALGAR_DASHBOARD_TOKEN", "very-secret", "TRAFALGAR_API_KEY_HEADER", " ",
        "TRAFALGAR_API_SECRET_HEADER", "X-Studio-Secret"));
    assertEquals("X-API-Key", settings.apiKeyHeader());
    assertEquals("X-Studio-Secret", settings.apiSecretHeader());
    assertFalse(settings.toString().contains("very-secret"));
  }

  @Test
  void decimalsWithHostileExponentsAreUnparsable() {
    // 1e-40000000 hours of retention would cost minutes to turn into a Duration
    assertEquals(Optional.empty(), reader("A", "1e-40000000").decimal("A", "the default"));
    assertEquals(Optional.empty(), reader("A", "-1E+40000000").decimal("A", "the default"));
    assertEquals(Optional.of(new BigDecimal("1e-1000")),
        reader("A", "1e-1000").decimal("A", "the default"));
    assertEquals(Optional.of(new BigDecimal("2.5")), reader("A", "2.5").decimal("A", "x"));
  }
}

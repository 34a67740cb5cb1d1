package com.trafalgar.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.trafalgar.config.ConfigReader;
import com.trafalgar.config.ShotGridSettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The source selection of API.md 9.1 and the ShotGrid settings of 9.2.1 and 15. */
class DataSourcesTest {
  private final List<DataSources> opened = new ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(DataSources::close);
  }

  private static ConfigReader config(String... pairs) {
    Map<String, String> values = new java.util.HashMap<>();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      values.put(pairs[i], pairs[i + 1]);
    }
    return new ConfigReader(name -> Optional.ofNullable(values.get(name)));
  }

  private DataSources select(String... pairs) {
    DataSources sources = DataSources.select(config(pairs), Clock.systemUTC(), delay -> { });
    opened.add(sources);
    return sources;
  }

  private static final String[] SHOTGRID = {
    "SHOTGRID_URL", "https://studio.example/", "ONEPIECE_SHOTGRID_SCRIPT", "trafalgar",
    "SHOTGRID_KEY", "secret"
  };

  private static String[] with(String[] base, String... more) {
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void nothingConfiguredIsModeNone() {
    DataSources sources = select();
    assertEquals(SourceMode.NONE, sources.dashboardMode());
    assertTrue(sources.dashboardSource().isEmpty());
    assertTrue(sources.reviewBackend().isEmpty());
    assertFalse(sources.shotGridConfigured());
    assertTrue(sources.shotGridHealthy());
  }

  @Test
  void eachShotGridSettingComesFromItsOwnVariables() {
    DataSources sources = select(SHOTGRID);
    assertEquals(SourceMode.SHOTGRID, sources.dashboardMode());
    assertEquals(SourceMode.SHOTGRID, sources.dashboardSource().orElseThrow().mode());
    assertEquals(SourceMode.SHOTGRID, sources.reviewBackend().orElseThrow().mode());
    assertTrue(sources.shotGridConfigured());
  }

  @Test
  void shotGridWinsOverTheOfflineFile() {
    DataSources sources = select(with(SHOTGRID, "TRAFALGAR_OFFLINE_DATA", "/tmp/offline.json"));
    assertEquals(SourceMode.SHOTGRID, sources.dashboardMode());
  }

  @Test
  void partialShotGridCountsAsNotConfigured() {
    DataSources partial = select("SHOTGRID_URL", "https://studio.example", "SHOTGRID_KEY", "k");
    assertEquals(SourceMode.NONE, partial.dashboardMode());
    assertFalse(partial.shotGridConfigured());

    DataSources offline = select("ONEPIECE_SHOTGRID_SCRIPT", "s",
        "TRAFALGAR_OFFLINE_DATA", "/tmp/does-not-exist.json");
    assertEquals(SourceMode.OFFLINE, offline.dashboardMode());
    assertEquals(SourceMode.OFFLINE, offline.reviewBackend().orElseThrow().mode());
  }

  @Test
  void demoModeKeepsTheReviewBackendButNotTheDashboardSource() {
    DataSources offline = select("TRAFALGAR_DEMO_MODE", "TRUE",
        "TRAFALGAR_OFFLINE_DATA", "/tmp/does-not-exist.json");
    assertEquals(SourceMode.DEMO, offline.dashboardMode());
    assertTrue(offline.dashboardSource().isEmpty());
    assertEquals(SourceMode.OFFLINE, offline.reviewBackend().orElseThrow().mode());

    DataSources none = select("TRAFALGAR_DEMO_MODE", "true");
    assertEquals(SourceMode.DEMO, none.dashboardMode());
    assertTrue(none.reviewBackend().isEmpty());
  }

  @Test
  void settingsTrimTheUrlAndFallBackToDefaultTimeouts() {
    ShotGridSettings settings = ShotGridSettings.from(config(with(SHOTGRID,
        "TRAFALGAR_SHOTGRID_CONNECT_TIMEOUT", "0", "TRAFALGAR_SHOTGRID_REQUEST_TIMEOUT", "abc")));
    assertEquals(Optional.of("https://studio.example"), settings.url());
    assertEquals(5.0, settings.connectTimeoutSeconds());
    assertEquals(10.0, settings.requestTimeoutSeconds());

    ShotGridSettings aliases = ShotGridSettings.from(config(
        "ONEPIECE_SHOTGRID_URL", "https://a", "SHOTGRID_URL", "https://b",
        "TRAFALGAR_SHOTGRID_REQUEST_TIMEOUT", "2.5"));
    assertEquals(Optional.of("https://a"), aliases.url());
    assertTrue(aliases.partiallyConfigured());
    assertEquals(2.5, aliases.requestTimeoutSeconds());
  }
}

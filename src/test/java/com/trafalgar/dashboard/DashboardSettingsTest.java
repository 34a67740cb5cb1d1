package com.trafalgar.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.trafalgar.config.ConfigReader;
import com.trafalgar.config.DashboardSettings;
import com.trafalgar.config.DashboardSettings.CacheSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Parsing and clamping of the dashboard variables (API.md 10). */
class DashboardSettingsTest {

  private static DashboardSettings settings(String... pairs) {
    Map<String, String> values = new java.util.HashMap<>();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      values.put(pairs[i], pairs[i + 1]);
    }
    return DashboardSettings.from(new ConfigReader(name -> Optional.ofNullable(values.get(name))));
  }

  @Test
  void defaults() {
    DashboardSettings settings = settings();
    assertEquals(new CacheSettings(30, 5000, 50), settings.cache());
    assertEquals(300, settings.syncIntervalSeconds());
    assertEquals(10, settings.startupSyncTimeoutSeconds());
    assertEquals(Path.of(System.getProperty("user.home"),
        ".local/share/trafalgar/dashboard-projects.json"), settings.rosterFile());
    assertEquals(java.util.List.of(), settings.alwaysKnownProjects());
    assertEquals(4, settings.fetchThreads());
  }

  @Test
  void fetchThreadsArePositiveAndBounded() {
    assertEquals(8, settings("TRAFALGAR_DASHBOARD_FETCH_THREADS", "8").fetchThreads());
    assertEquals(4, settings("TRAFALGAR_DASHBOARD_FETCH_THREADS", "0").fetchThreads());
    assertEquals(4, settings("TRAFALGAR_DASHBOARD_FETCH_THREADS", "2.5").fetchThreads());
    assertEquals(64, settings("TRAFALGAR_DASHBOARD_FETCH_THREADS", "1000").fetchThreads());
  }

  @Test
  void cacheValuesAreClampedAndUnparsableOnesDefault() {
    assertEquals(new CacheSettings(0, 0, 0), settings(
        "ONEPIECE_DASHBOARD_CACHE_TTL", "-5", "ONEPIECE_DASHBOARD_CACHE_MAX_RECORDS", "-1",
        "ONEPIECE_DASHBOARD_CACHE_MAX_PROJECTS", "-3").cache());
    assertEquals(new CacheSettings(86400, 1_000_000, 10_000), settings(
        "ONEPIECE_DASHBOARD_CACHE_TTL", "999999", "ONEPIECE_DASHBOARD_CACHE_MAX_RECORDS",
        "5000000", "ONEPIECE_DASHBOARD_CACHE_MAX_PROJECTS", "20000").cache());
    assertEquals(new CacheSettings(30, 5000, 50), settings(
        "ONEPIECE_DASHBOARD_CACHE_TTL", "soon", "ONEPIECE_DASHBOARD_CACHE_MAX_RECORDS", "2.5",
        "ONEPIECE_DASHBOARD_CACHE_MAX_PROJECTS", "many").cache());
    assertEquals(new CacheSettings(2.5, 7, 3), settings(
        "ONEPIECE_DASHBOARD_CACHE_TTL", "2.5", "ONEPIECE_DASHBOARD_CACHE_MAX_RECORDS", "7",
        "ONEPIECE_DASHBOARD_CACHE_MAX_PROJECTS", " 3 ").cache());
  }

  @Test
  void projectsRosterAndFiles() {
    DashboardSettings settings = settings(
        "ONEPIECE_DASHBOARD_PROJECTS", " alpha, ,beta ,,",
        "TRAFALGAR_DATA_DIR", "/data/t",
        "TRAFALGAR_PROJECT_SYNC_INTERVAL", "nope",
        "TRAFALGAR_SHOTGRID_REQUEST_TIMEOUT", "2.5",
        "TRAFALGAR_RECONCILE_REPORT", "/r.json");
    assertEquals(java.util.List.of("alpha", "beta"), settings.alwaysKnownProjects());
    assertEquals(Path.of("/data/t/dashboard-projects.json"), settings.rosterFile());
    assertEquals(300, settings.syncIntervalSeconds());
    assertEquals(2.5, settings.startupSyncTimeoutSeconds());
    assertEquals(Optional.of(Path.of("/r.json")), settings.reconcileReport());
    assertEquals(Optional.empty(), settings.deliveriesRoot());
    assertEquals(Path.of("/x.json"), settings("TRAFALGAR_DATA_DIR", "/data",
        "ONEPIECE_DASHBOARD_PROJECT_REGISTRY", "/x.json").rosterFile());
  }
}

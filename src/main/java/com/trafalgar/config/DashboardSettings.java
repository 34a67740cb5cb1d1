package com.trafalgar.config;

import com.trafalgar.text.Text;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Dashboard variables of API.md 9.5–9.8 and 10, read once at startup.
 *
 * @param alwaysKnownProjects {@code ONEPIECE_DASHBOARD_PROJECTS}: comma list, trimmed, empties
 *     dropped
 * @param rosterFile {@code ONEPIECE_DASHBOARD_PROJECT_REGISTRY}, else {@code
 *     <TRAFALGAR_DATA_DIR>/dashboard-projects.json}
 * @param syncIntervalSeconds {@code TRAFALGAR_PROJECT_SYNC_INTERVAL}; ≤ 0 disables the periodic
 *     sync
 * @param startupSyncTimeoutSeconds bound of the one startup sync: the ShotGrid request timeout
 * @param cache the initial cache settings ({@code ONEPIECE_DASHBOARD_CACHE_*}), clamped
 * @param reconcileReport {@code TRAFALGAR_RECONCILE_REPORT}
 * @param deliveriesRoot {@code TRAFALGAR_DELIVERIES_ROOT}
 * @param fetchThreads {@code TRAFALGAR_DASHBOARD_FETCH_THREADS}: ShotGrid fetches the cache
 *     buckets run at once (shotgrid mode)
 */
public record DashboardSettings(
    List<String> alwaysKnownProjects,
    Path rosterFile,
    double syncIntervalSeconds,
    double startupSyncTimeoutSeconds,
    CacheSettings cache,
    Optional<Path> reconcileReport,
    Optional<Path> deliveriesRoot,
    int fetchThreads) {

  public static final double MAX_TTL_SECONDS = 86_400;
  /**
   * Default of {@code fetchThreads}: enough to warm twenty projects in a few round trips, few
   * enough to stay a polite API client.
   */
  public static final int DEFAULT_FETCH_THREADS = 4;
  public static final int MAX_FETCH_THREADS = 64;
  public static final long MAX_RECORDS = 1_000_000;
  public static final long MAX_PROJECTS = 10_000;

  /**
   * The live cache settings of API.md 9.6 (changed by {@code POST /admin/cache}).
   *
   * @param ttlSeconds 0 disables caching
   * @param maxRecords 0 means no cap
   * @param maxProjects 0 means no cap
   */
  public record CacheSettings(double ttlSeconds, int maxRecords, int maxProjects) {}

  public DashboardSettings {
    alwaysKnownProjects = List.copyOf(alwaysKnownProjects);
  }

  public static DashboardSettings from(ConfigReader config) {
    List<String> projects = new ArrayList<>();
    for (String item : config.string("ONEPIECE_DASHBOARD_PROJECTS").orElse("").split(",")) {
      if (!Text.isBlank(item)) {
        projects.add(Text.trim(item));
      }
    }
    Path dataDir = config.path("TRAFALGAR_DATA_DIR", "~/.local/share/trafalgar");
    Path roster =
        config.path("ONEPIECE_DASHBOARD_PROJECT_REGISTRY")
            .orElse(dataDir.resolve("dashboard-projects.json"));
    double interval = config.seconds("TRAFALGAR_PROJECT_SYNC_INTERVAL", 300);
    double requestTimeout =
        config.string("TRAFALGAR_SHOTGRID_REQUEST_TIMEOUT").map(DashboardSettings::positive)
            .orElse(10.0);
    CacheSettings cache =
        new CacheSettings(
            ttl(config),
            (int) count(config, "ONEPIECE_DASHBOARD_CACHE_MAX_RECORDS", 5000, MAX_RECORDS),
            (int) count(config, "ONEPIECE_DASHBOARD_CACHE_MAX_PROJECTS", 50, MAX_PROJECTS));
    return new DashboardSettings(
        projects,
        roster,
        interval,
        requestTimeout,
        cache,
        config.path("TRAFALGAR_RECONCILE_REPORT"),
        config.path("TRAFALGAR_DELIVERIES_ROOT"),
        config.positiveCount("TRAFALGAR_DASHBOARD_FETCH_THREADS", DEFAULT_FETCH_THREADS,
            MAX_FETCH_THREADS));
  }

  /** Seconds (decimal); unparsable → 30; {@code < 0} → 0; above a day clamped to a day. */
  private static double ttl(ConfigReader config) {
    String name = "ONEPIECE_DASHBOARD_CACHE_TTL";
    BigDecimal value = config.decimal(name, "the default 30").orElse(null);
    if (value == null) {
      return 30.0;
    }
    if (value.signum() < 0) {
      config.clamped(name, value.toPlainString(), 0);
      return 0.0;
    }
    if (value.compareTo(BigDecimal.valueOf(MAX_TTL_SECONDS)) > 0) {
      config.clamped(name, value.toPlainString(), (long) MAX_TTL_SECONDS);
      return MAX_TTL_SECONDS;
    }
    return value.doubleValue();
  }

  /** Integer; unparsable → default; {@code < 0} → 0; above {@code max} clamped. */
  private static long count(ConfigReader config, String name, long defaultValue, long max) {
    BigDecimal value = config.integer(name, "the default " + defaultValue).orElse(null);
    if (value == null) {
      return defaultValue;
    }
    if (value.signum() < 0) {
      config.clamped(name, value.toPlainString(), 0);
      return 0;
    }
    if (value.compareTo(BigDecimal.valueOf(max)) > 0) {
      config.clamped(name, value.toPlainString(), max);
      return max;
    }
    return value.longValueExact();
  }

  /** The ShotGrid request timeout as the sources feature reads it (its own settings log it). */
  private static Double positive(String text) {
    try {
      double seconds = Double.parseDouble(text);
      return seconds > 0 && Double.isFinite(seconds) ? seconds : 10.0;
    } catch (NumberFormatException e) {
      return 10.0;
    }
  }
}

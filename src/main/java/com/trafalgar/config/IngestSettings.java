package com.trafalgar.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Ingest variables of API.md 6 and 10, read once at startup.
 *
 * @param registry {@code ONEPIECE_INGEST_REGISTRY}: the registry file written by the external
 *     ingest tool (a leading {@code ~} is the server account's home)
 * @param watchIntervalSeconds {@code TRAFALGAR_INGEST_WATCH_INTERVAL}: seconds between watcher
 *     reads; zero or negative disables the watcher
 */
public record IngestSettings(Path registry, double watchIntervalSeconds) {
  public static final String REGISTRY = "ONEPIECE_INGEST_REGISTRY";
  public static final String WATCH_INTERVAL = "TRAFALGAR_INGEST_WATCH_INTERVAL";
  public static final String DEFAULT_REGISTRY = "~/.cache/onepiece/ingest_runs.json";
  public static final double DEFAULT_WATCH_INTERVAL = 2.0;

  /** Reads both variables; an unparsable interval is logged and replaced by the default. */
  public static IngestSettings from(ConfigReader config) {
    return new IngestSettings(
        config.path(REGISTRY, DEFAULT_REGISTRY),
        config.seconds(WATCH_INTERVAL, DEFAULT_WATCH_INTERVAL));
  }

  /** Whether the background watcher runs (interval above zero). */
  public boolean watcherEnabled() {
    return watchIntervalSeconds > 0;
  }

  /** The watcher period, at least one millisecond and at most one day. */
  public Duration watchInterval() {
    double millis = Math.min(watchIntervalSeconds * 1000.0, Duration.ofDays(1).toMillis());
    return Duration.ofMillis(Math.max(1L, Math.round(millis)));
  }
}

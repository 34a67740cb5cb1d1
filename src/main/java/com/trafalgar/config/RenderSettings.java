package com.trafalgar.config;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Render variables of API.md 10, parsed, validated and clamped once at startup.
 *
 * @param jobsPath {@code TRAFALGAR_RENDER_JOBS_PATH}: the job store; empty disables it
 * @param historyLimit {@code TRAFALGAR_RENDER_JOBS_HISTORY_LIMIT}: empty means unlimited
 * @param retention {@code TRAFALGAR_RENDER_JOBS_RETENTION_HOURS}: empty keeps everything
 * @param pollIntervalSeconds {@code TRAFALGAR_RENDER_STATUS_POLL_INTERVAL}; ≤ 0 disables the poller
 * @param persistIntervalSeconds {@code TRAFALGAR_RENDER_STORE_PERSIST_INTERVAL}; ≤ 0 no throttle
 * @param mockSecondsPerFrame {@code TRAFALGAR_MOCK_FARM_SECONDS_PER_FRAME}, in [0, 3600]
 */
public record RenderSettings(
    Optional<Path> jobsPath,
    Optional<Integer> historyLimit,
    Optional<Duration> retention,
    double pollIntervalSeconds,
    double persistIntervalSeconds,
    BigDecimal mockSecondsPerFrame) {

  static final BigDecimal DEFAULT_SECONDS_PER_FRAME = new BigDecimal("0.2");
  static final BigDecimal MAX_SECONDS_PER_FRAME = BigDecimal.valueOf(3600);

  public static RenderSettings from(ConfigReader config) {
    return new RenderSettings(
        config.path("TRAFALGAR_RENDER_JOBS_PATH"),
        historyLimit(config),
        retention(config),
        config.seconds("TRAFALGAR_RENDER_STATUS_POLL_INTERVAL", 5.0),
        config.seconds("TRAFALGAR_RENDER_STORE_PERSIST_INTERVAL", 1.0),
        secondsPerFrame(config));
  }

  /** In-memory only, no limits, no poller: for unit tests and tools. */
  public static RenderSettings inMemory(BigDecimal secondsPerFrame) {
    return new RenderSettings(
        Optional.empty(), Optional.empty(), Optional.empty(), 0, 0, secondsPerFrame);
  }

  private static Optional<Integer> historyLimit(ConfigReader config) {
    String name = "TRAFALGAR_RENDER_JOBS_HISTORY_LIMIT";
    Optional<BigDecimal> value = config.integer(name, "unlimited");
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (value.get().signum() <= 0) {
      config.invalid(name, value.get().toPlainString(), "unlimited");
      return Optional.empty();
    }
    BigDecimal max = BigDecimal.valueOf(Integer.MAX_VALUE);
    return Optional.of(value.get().min(max).intValueExact());
  }

  private static Optional<Duration> retention(ConfigReader config) {
    String name = "TRAFALGAR_RENDER_JOBS_RETENTION_HOURS";
    Optional<BigDecimal> hours = config.decimal(name, "keep everything");
    if (hours.isEmpty()) {
      return Optional.empty();
    }
    if (hours.get().signum() <= 0) {
      config.invalid(name, hours.get().toPlainString(), "keep everything");
      return Optional.empty();
    }
    // More than a million years is "keep everything" in practice; avoid Duration overflow.
    BigDecimal nanos = hours.get().multiply(BigDecimal.valueOf(3_600_000_000_000L));
    if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      return Optional.of(Duration.ofSeconds(Long.MAX_VALUE / 4));
    }
    return Optional.of(Duration.ofNanos(nanos.longValue()));
  }

  private static BigDecimal secondsPerFrame(ConfigReader config) {
    String name = "TRAFALGAR_MOCK_FARM_SECONDS_PER_FRAME";
    Optional<BigDecimal> value =
        config.decimal(name, "the default " + DEFAULT_SECONDS_PER_FRAME);
    if (value.isEmpty()) {
      return DEFAULT_SECONDS_PER_FRAME;
    }
    if (value.get().signum() < 0) {
      config.invalid(name, value.get().toPlainString(), "the default " + DEFAULT_SECONDS_PER_FRAME);
      return DEFAULT_SECONDS_PER_FRAME;
    }
    if (value.get().compareTo(MAX_SECONDS_PER_FRAME) > 0) {
      config.clamped(name, value.get().toPlainString(), MAX_SECONDS_PER_FRAME);
      return MAX_SECONDS_PER_FRAME;
    }
    return value.get();
  }
}

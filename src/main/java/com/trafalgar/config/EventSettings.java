package com.trafalgar.config;

import java.math.BigDecimal;

/**
 * Event-stream variables of API.md 8 and 10, read once.
 *
 * @param replayBuffer {@code TRAFALGAR_EVENT_REPLAY_BUFFER}: events kept per domain for replay
 * @param subscriberBuffer {@code TRAFALGAR_EVENT_SUBSCRIBER_BUFFER}: queue size per subscriber
 * @param writeTimeoutSeconds {@code TRAFALGAR_EVENT_WRITE_TIMEOUT}
 * @param renderKeepaliveSeconds {@code TRAFALGAR_RENDER_SSE_KEEPALIVE_INTERVAL}
 * @param ingestKeepaliveSeconds {@code TRAFALGAR_INGEST_SSE_KEEPALIVE_INTERVAL}
 */
public record EventSettings(
    int replayBuffer,
    int subscriberBuffer,
    double writeTimeoutSeconds,
    double renderKeepaliveSeconds,
    double ingestKeepaliveSeconds) {

  public static EventSettings from(ConfigReader config) {
    return new EventSettings(
        boundedInt(config, "TRAFALGAR_EVENT_REPLAY_BUFFER", 1024, 100_000),
        boundedInt(config, "TRAFALGAR_EVENT_SUBSCRIBER_BUFFER", 64, 10_000),
        config.positiveSeconds("TRAFALGAR_EVENT_WRITE_TIMEOUT", 10),
        config.positiveSeconds("TRAFALGAR_RENDER_SSE_KEEPALIVE_INTERVAL", 30),
        config.positiveSeconds("TRAFALGAR_INGEST_SSE_KEEPALIVE_INTERVAL", 30));
  }

  /** Integer ≥ 1, otherwise the default; above {@code max} clamped. */
  private static int boundedInt(ConfigReader config, String name, int defaultValue, int max) {
    BigDecimal value = config.integer(name, "the default " + defaultValue).orElse(null);
    if (value == null) {
      return defaultValue;
    }
    if (value.signum() <= 0) {
      config.invalid(name, value.toPlainString(), "the default " + defaultValue);
      return defaultValue;
    }
    if (value.compareTo(BigDecimal.valueOf(max)) > 0) {
      config.clamped(name, value.toPlainString(), max);
      return max;
    }
    return value.intValueExact();
  }
}

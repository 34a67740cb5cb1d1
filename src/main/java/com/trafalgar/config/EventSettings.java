package com.trafalgar.config;

/**
 * Event-stream variables of API.md 8 and 10, read once.
 *
 * @param replayBuffer {@code TRAFALGAR_EVENT_REPLAY_BUFFER}: events kept per domain for replay
 * @param subscriberBuffer {@code TRAFALGAR_EVENT_SUBSCRIBER_BUFFER}: queue size per subscriber
 * @param writeTimeoutSeconds {@code TRAFALGAR_EVENT_WRITE_TIMEOUT}
 * @param renderKeepaliveSeconds {@code TRAFALGAR_RENDER_SSE_KEEPALIVE_INTERVAL}
 * @param ingestKeepaliveSeconds {@code TRAFALGAR_INGEST_SSE_KEEPALIVE_INTERVAL}
 * @param writerThreads {@code TRAFALGAR_EVENT_WRITER_THREADS}: threads that write events to
 *     subscribers (default {@link #defaultWriterThreads()})
 */
public record EventSettings(
    int replayBuffer,
    int subscriberBuffer,
    double writeTimeoutSeconds,
    double renderKeepaliveSeconds,
    double ingestKeepaliveSeconds,
    int writerThreads) {

  public static EventSettings from(ConfigReader config) {
    return new EventSettings(
        config.positiveCount("TRAFALGAR_EVENT_REPLAY_BUFFER", 1024, 100_000),
        config.positiveCount("TRAFALGAR_EVENT_SUBSCRIBER_BUFFER", 64, 10_000),
        config.positiveSeconds("TRAFALGAR_EVENT_WRITE_TIMEOUT", 10),
        config.positiveSeconds("TRAFALGAR_RENDER_SSE_KEEPALIVE_INTERVAL", 30),
        config.positiveSeconds("TRAFALGAR_INGEST_SSE_KEEPALIVE_INTERVAL", 30),
        config.positiveCount("TRAFALGAR_EVENT_WRITER_THREADS", defaultWriterThreads(), 256));
  }

  /**
   * One writer per core, at least two: writes are short (a frame into a bounded socket buffer),
   * so more threads than cores only add stacks.
   */
  public static int defaultWriterThreads() {
    return Math.max(2, Runtime.getRuntime().availableProcessors());
  }
}

package com.trafalgar.events;

/**
 * The {@code events} object of {@code /render/health} and {@code /ingest/health} (API.md 8.7).
 */
public record EventCounters(
    int subscribers,
    long publishedTotal,
    long trimmedTotal,
    long disconnectedTotal,
    long lastEventId,
    int replayBufferCapacity) {}

package com.trafalgar.ingest;

/**
 * The ingest summary of API.md 9.9 over the newest runs.
 *
 * @param total runs considered
 * @param lastSuccessAt formatted timestamp (2.6) or {@code null}
 */
public record IngestSummary(
    int total, int successful, int failed, int running, String lastSuccessAt, int failureStreak) {}

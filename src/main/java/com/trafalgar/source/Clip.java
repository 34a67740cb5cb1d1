package com.trafalgar.source;

/**
 * A version inside a review playlist (API.md 7.2, 9.2.4). String fields are {@code ""} when
 * unknown; {@code durationSeconds} is {@code null} when unknown.
 */
public record Clip(
    String shot,
    String version,
    String sourcePath,
    String frameRange,
    String user,
    Double durationSeconds) {}

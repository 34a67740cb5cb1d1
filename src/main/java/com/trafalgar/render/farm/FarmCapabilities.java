package com.trafalgar.render.farm;

/**
 * A farm's priority, chunking and cancellation facts (API.md 5.2). {@code null} bounds are not
 * checked; a {@code null} default priority means 50.
 */
public record FarmCapabilities(
    Integer defaultPriority,
    Integer priorityMin,
    Integer priorityMax,
    boolean chunkingEnabled,
    Integer chunkSizeMin,
    Integer chunkSizeMax,
    Integer defaultChunkSize,
    boolean cancellationSupported) {}

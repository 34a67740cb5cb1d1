package com.trafalgar.ingest;

import java.time.Instant;

/**
 * What one registry read serves.
 *
 * @param snapshot the runs served: the file's when it parsed, none when it is missing, the last
 *     good snapshot when it is stale
 * @param state ok, missing or stale
 * @param lastLoadedAt time of the last successful parse since startup, {@code null} if none
 */
public record RegistryReading(RunSnapshot snapshot, RegistryState state, Instant lastLoadedAt) {}

package com.trafalgar.render;

import java.time.Instant;

/** One {@code (status, timestamp)} pair of a job's recorded history (API.md 5.4). */
public record StatusEntry(String status, Instant timestamp) {}

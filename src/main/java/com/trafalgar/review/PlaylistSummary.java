package com.trafalgar.review;

/**
 * One playlist in {@code GET /review/projects/{project}/playlists} (API.md 7.1).
 *
 * @param name trimmed name
 * @param clips number of clips
 * @param shots distinct non-empty clip shots
 * @param durationSeconds sum of clip durations, a null duration counting as 0
 */
public record PlaylistSummary(String name, int clips, int shots, double durationSeconds) {}

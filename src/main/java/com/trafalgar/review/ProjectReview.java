package com.trafalgar.review;

/**
 * One project's review figures (API.md 9.10): playlists, clips, shots (the sum of its playlists'
 * shot counts) and total duration.
 */
public record ProjectReview(
    String project, int playlists, int clips, int shots, double durationSeconds) {}

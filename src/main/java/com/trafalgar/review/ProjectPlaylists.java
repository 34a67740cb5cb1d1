package com.trafalgar.review;

import java.util.List;

/** The body of {@code GET /review/projects/{project}/playlists} (API.md 7.1). */
public record ProjectPlaylists(String project, List<PlaylistSummary> playlists) {}

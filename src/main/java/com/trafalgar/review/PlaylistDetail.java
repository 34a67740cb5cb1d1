package com.trafalgar.review;

import com.trafalgar.source.Clip;
import java.util.List;

/** The body of {@code GET /review/projects/{project}/playlists/{playlist}} (API.md 7.2). */
public record PlaylistDetail(String project, String playlist, ClipTotals summary, List<Clip> clips) {}

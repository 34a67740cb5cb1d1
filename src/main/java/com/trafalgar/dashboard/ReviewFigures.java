package com.trafalgar.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.json.Json;
import com.trafalgar.review.ProjectReview;
import java.util.List;

/** The review summary document of API.md 9.10 from the projects whose listing succeeded. */
final class ReviewFigures {
  private ReviewFigures() {}

  static ObjectNode of(List<ProjectReview> projects) {
    int playlists = 0;
    int clips = 0;
    int shots = 0;
    double duration = 0.0;
    ObjectNode review = Json.object();
    ObjectNode totals = review.putObject("totals");
    ArrayNode list = review.putArray("projects");
    for (ProjectReview project : projects) {
      ObjectNode entry = list.addObject();
      entry.put("project", project.project());
      entry.put("playlists", project.playlists());
      entry.put("clips", project.clips());
      entry.put("shots", project.shots());
      entry.put("duration_seconds", project.durationSeconds());
      playlists += project.playlists();
      clips += project.clips();
      shots += project.shots();
      duration += project.durationSeconds();
    }
    totals.put("projects", projects.size());
    totals.put("playlists", playlists);
    totals.put("clips", clips);
    totals.put("shots", shots);
    totals.put("duration_seconds", duration);
    return review;
  }
}

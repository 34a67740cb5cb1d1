package com.trafalgar.review;

import com.trafalgar.source.Clip;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code summary} of one playlist (API.md 7.2): clips, distinct non-empty shots, and the sum
 * of durations (a null duration counting as 0).
 */
public record ClipTotals(int clips, int shots, double durationSeconds) {

  public static ClipTotals of(List<Clip> clips) {
    Set<String> shots = new HashSet<>();
    double duration = 0.0;
    for (Clip clip : clips) {
      if (clip.shot() != null && !clip.shot().isEmpty()) {
        shots.add(clip.shot());
      }
      if (clip.durationSeconds() != null) {
        duration += clip.durationSeconds();
      }
    }
    return new ClipTotals(clips.size(), shots.size(), duration);
  }
}

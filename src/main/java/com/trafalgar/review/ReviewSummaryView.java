package com.trafalgar.review;

import com.trafalgar.source.SourceException;

/** What the dashboard may ask the review service (API.md 9.10). */
public interface ReviewSummaryView {
  /** Whether a review backend exists (ShotGrid or offline); mode {@code none} has none. */
  boolean configured();

  /**
   * The review figures of one project; a playlist whose clips fail is left out. Throws when the
   * project's listing fails (the project is then left out of the summary).
   */
  ProjectReview summarise(String project) throws SourceException;
}

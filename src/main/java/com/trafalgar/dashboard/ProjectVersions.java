package com.trafalgar.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One project's version records as the {@code versions} cache bucket holds them, with their
 * {@link VersionTally}. The shotgrid loader computes the tally on the fetch thread ({@link
 * #tallied}), so a request that finds a refreshed entry only reads it; other callers get it
 * computed on first use.
 */
public final class ProjectVersions {
  private final List<? extends JsonNode> records;
  private volatile VersionTally tally;

  private ProjectVersions(List<? extends JsonNode> records, VersionTally tally) {
    this.records = records;
    this.tally = tally;
  }

  /** The records with their tally computed now (the fetch thread pays for it). */
  static ProjectVersions tallied(List<? extends JsonNode> records) {
    return new ProjectVersions(records, VersionTally.of(records));
  }

  /** The records; the tally is computed when first asked for. */
  static ProjectVersions lazy(List<? extends JsonNode> records) {
    return new ProjectVersions(records, null);
  }

  /** The records, as fetched (never copied: identity tells a refreshed list from the last one). */
  public List<? extends JsonNode> records() {
    return records;
  }

  VersionTally tally() {
    VersionTally current = tally;
    if (current == null) {
      // racing first uses compute equal tallies; either may win
      current = VersionTally.of(records);
      tally = current;
    }
    return current;
  }
}

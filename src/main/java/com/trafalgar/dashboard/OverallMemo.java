package com.trafalgar.dashboard;

import java.util.ArrayList;
import java.util.List;

/**
 * Remembers the last overall aggregate (9.4.4) with the inputs it came from, compared by identity:
 * while the known projects are equal and every project's cached record list is the same object,
 * {@code /status} and {@code /metrics} reuse it. A new fetch or file read yields a new list, so
 * values always equal a fresh computation; recomputing combines the parts' {@link VersionTally
 * tallies}, which the background refresh has already computed in shotgrid mode.
 */
final class OverallMemo {
  private record Memo(List<String> known, List<Object> parts, Aggregation.Overall overall) {}

  private Memo memo;

  /**
   * Synchronised so that one request recomputes while the others wait for its answer: a refresh
   * of one project changes the inputs of every concurrent poll.
   */
  synchronized Aggregation.Overall get(List<String> known, List<ProjectVersions> parts) {
    List<Object> lists = new ArrayList<>(parts.size());
    for (ProjectVersions part : parts) {
      lists.add(part.records());
    }
    Memo current = memo;
    if (current != null && current.known().equals(known) && sameLists(current.parts(), lists)) {
      return current.overall();
    }
    List<VersionTally> tallies = new ArrayList<>(parts.size());
    for (ProjectVersions part : parts) {
      tallies.add(part.tally());
    }
    Aggregation.Overall overall = VersionTally.overall(known, tallies);
    memo = new Memo(known, lists, overall);
    return overall;
  }

  synchronized void clear() {
    memo = null;
  }

  private static boolean sameLists(List<Object> a, List<Object> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i) != b.get(i)) {
        return false;
      }
    }
    return true;
  }
}

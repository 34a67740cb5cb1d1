package com.trafalgar.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Remembers the last overall aggregate (9.4.4) with the inputs it came from, compared by identity:
 * while the known projects are equal and every project's cached record list is the same object,
 * {@code /status} and {@code /metrics} reuse it instead of walking every record again. A new fetch
 * or file read yields a new list, so values always equal a fresh computation.
 */
final class OverallMemo {
  private record Memo(List<String> known, List<List<? extends JsonNode>> parts,
      Aggregation.Overall overall) {}

  private Memo memo;

  /**
   * Synchronised so that one request recomputes while the others wait for its answer: a refresh
   * of one project changes the inputs of every concurrent poll, and two hundred requests walking
   * 50,000 records each at the same moment stalled the server for seconds.
   */
  synchronized Aggregation.Overall get(List<String> known, List<List<? extends JsonNode>> parts) {
    Memo current = memo;
    if (current != null && current.known().equals(known) && sameLists(current.parts(), parts)) {
      return current.overall();
    }
    Aggregation.Overall overall = Aggregation.overall(known, parts);
    memo = new Memo(known, List.copyOf(parts), overall);
    return overall;
  }

  synchronized void clear() {
    memo = null;
  }

  private static boolean sameLists(List<List<? extends JsonNode>> a,
      List<List<? extends JsonNode>> b) {
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

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

  private volatile Memo memo;

  Aggregation.Overall get(List<String> known, List<List<? extends JsonNode>> parts) {
    Memo current = memo;
    if (current != null && current.known().equals(known) && sameLists(current.parts(), parts)) {
      return current.overall();
    }
    Aggregation.Overall overall = Aggregation.overall(known, parts);
    memo = new Memo(known, List.copyOf(parts), overall);
    return overall;
  }

  void clear() {
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

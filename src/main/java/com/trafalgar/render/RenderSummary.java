package com.trafalgar.render;

import java.util.Map;

/**
 * The render figures of {@code /status} and {@code /metrics} (API.md 4.2): jobs in the history,
 * per current status string and per farm key, taken from memory without refreshing.
 */
public record RenderSummary(int jobs, Map<String, Integer> byStatus, Map<String, Integer> byFarm) {
  public RenderSummary {
    byStatus = Map.copyOf(byStatus);
    byFarm = Map.copyOf(byFarm);
  }
}

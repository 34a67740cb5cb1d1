package com.trafalgar.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Supplies a domain's snapshot items (render jobs, newest first; ingest runs in 6.2 order).
 * {@link #refresh()} runs first, outside the domain lock (render refreshes jobs from their farms,
 * publishing {@code job.updated}); {@link #items()} then runs inside the lock and must only read
 * in-memory state.
 */
public interface SnapshotSource {
  SnapshotSource EMPTY = JsonNodeFactory.instance::arrayNode;

  default void refresh() {}

  ArrayNode items();
}

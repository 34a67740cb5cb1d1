package com.trafalgar.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.function.Supplier;

/**
 * Supplies a domain's snapshot items (render jobs, newest first; ingest runs in 6.2 order).
 * {@link #refresh()} runs first, outside the domain lock (render refreshes jobs from their farms,
 * publishing {@code job.updated}); {@link #capture()} then runs inside the lock, and the items it
 * returns are built and serialised after the lock is released.
 */
public interface SnapshotSource {
  SnapshotSource EMPTY = JsonNodeFactory.instance::arrayNode;

  default void refresh() {}

  /** The items as JSON, from in-memory state only. */
  ArrayNode items();

  /**
   * Runs inside the domain lock, which every change and publication of the domain needs: take
   * only a cheap immutable copy of the state here, and return what builds the items from that
   * copy. The default builds the items at once, under the lock.
   */
  default Supplier<ArrayNode> capture() {
    ArrayNode items = items();
    return () -> items;
  }
}

package com.trafalgar.ingest;

import java.util.Map;
import java.util.Optional;

/**
 * Whether this instance runs the registry watcher now (API.md 6.6). Without a gate bean it does;
 * in clustered mode only the holder of the watcher's lease does (docs/cluster.md), and the gate,
 * found as a CDI bean so that this package never depends on the cluster package, hands the new
 * holder the runs the cluster has published so far ({@link Baseline}).
 */
public interface WatcherGate {
  /** Asked before each poll; cheap and non-blocking. */
  boolean watchHere();

  /** Called once at startup with this instance's run registry. */
  void attach(Baseline baseline);

  /**
   * What the run events published so far describe. Both methods must be called under the ingest
   * event domain's lock, which every publication of a run event holds.
   */
  interface Baseline {
    /** Id to compact run JSON, in registry order; empty before the registry was first read. */
    Optional<Map<String, String>> published();

    /** The next read publishes the differences between {@code runs} and the registry. */
    void rebase(Map<String, String> runs);
  }
}

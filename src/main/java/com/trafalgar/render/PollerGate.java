package com.trafalgar.render;

/**
 * Whether this instance runs the status poller now (API.md 5.6). One instance polls: without a
 * gate bean it is this one; in clustered mode the holder of the poller's lease (docs/cluster.md),
 * found as a CDI bean so that this package never depends on the cluster package.
 */
public interface PollerGate {
  /** Asked before each poll; cheap and non-blocking. */
  boolean pollHere();
}

package com.trafalgar.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The job store writer's connection (docs/cluster.md, <i>Job store</i>): kept from one transaction
 * to the next while commits follow each other closely, so a busy writer does not check a
 * connection out of the pool, and wait for the pool's validation query, once per transaction. It
 * goes back to the pool after a failure and after a pause, so the checkout that follows is
 * validated again (a database restart in between is noticed before the next write, not by it).
 * Writer thread only.
 */
final class WriterConnection implements AutoCloseable {
  /** How long after a commit the connection serves the next transaction without a checkout. */
  static final Duration KEEP = Duration.ofSeconds(1);

  private final DataSource dataSource;
  private final long keepNanos;
  private Connection held;
  private long lastCommit;

  /**
   * @param keepFor how long after its last commit the connection is still used without a fresh
   *     checkout
   */
  WriterConnection(DataSource dataSource, Duration keepFor) {
    this.dataSource = dataSource;
    this.keepNanos = keepFor.toNanos();
  }

  /** A connection with auto-commit off, for the next transaction. */
  Connection get() throws SQLException {
    if (held != null && System.nanoTime() - lastCommit > keepNanos) {
      close();
    }
    if (held == null) {
      Connection fresh = dataSource.getConnection();
      try {
        fresh.setAutoCommit(false);
      } catch (SQLException e) {
        closeQuietly(fresh);
        throw e;
      }
      held = fresh;
      lastCommit = System.nanoTime(); // just validated by the checkout
    }
    return held;
  }

  /** The transaction committed: the connection serves the next one that follows soon. */
  void committed() {
    lastCommit = System.nanoTime();
  }

  /** Hands the connection back to the pool (after a failure, when idle, at close). */
  @Override
  public void close() {
    Connection returned = held;
    held = null;
    if (returned != null) {
      try {
        returned.setAutoCommit(true);
      } catch (SQLException e) {
        // a broken connection: the pool discards it
      }
      closeQuietly(returned);
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // already gone
    }
  }
}

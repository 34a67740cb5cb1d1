package com.trafalgar.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The job store writer's connection on a real PostgreSQL: one checkout (and one validation by
 * the pool) for commits that follow each other, a fresh one after a pause or a failure.
 */
class WriterConnectionTest {
  private final AtomicInteger checkouts = new AtomicInteger();
  private DataSource dataSource;

  @BeforeEach
  void database() {
    dataSource = CountingDataSource.over(ClusterDatabases.fresh(), checkouts);
  }

  @Test
  void commitsThatFollowEachOtherShareOneCheckout() throws Exception {
    try (WriterConnection writer = new WriterConnection(dataSource, Duration.ofSeconds(5))) {
      Connection first = writer.get();
      assertFalse(first.getAutoCommit(), "a transaction's connection");
      for (int i = 0; i < 20; i++) {
        Connection c = writer.get();
        assertSame(first, c);
        c.commit();
        writer.committed();
      }
    }
    assertEquals(1, checkouts.get());
  }

  @Test
  void aPauseOrAFailureHandsTheConnectionBack() throws Exception {
    try (WriterConnection writer = new WriterConnection(dataSource, Duration.ofMillis(200))) {
      Connection first = writer.get();
      first.commit();
      writer.committed();
      Thread.sleep(400);
      Connection afterPause = writer.get();
      assertNotSame(first, afterPause, "checked out again: the pool validates it");
      writer.close(); // what the store does when a transaction fails
      assertNotSame(afterPause, writer.get());
    }
    assertEquals(3, checkouts.get());
  }
}

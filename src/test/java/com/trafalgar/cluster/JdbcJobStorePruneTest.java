package com.trafalgar.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.trafalgar.events.EventDomain;
import com.trafalgar.render.JobChange;
import com.trafalgar.testing.Eventually;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The JDBC store applies retention and the event log's window beside its writer: a prune that
 * takes long (a scan of the log's last hour, a lock it waits for) never holds up a commit.
 */
class JdbcJobStorePruneTest {
  @Test
  void aCommitDoesNotWaitForAPruneThatIsBlocked() throws Exception {
    DataSource dataSource = ClusterDatabases.fresh();
    Instant now = Instant.now();
    JdbcJobStore store = new JdbcJobStore(dataSource, Optional.of(Duration.ofHours(1)),
        Clock.systemUTC(), "a", new EventDomain("render", 1024, 0, "jobs.snapshot", "jobs"),
        Duration.ofMillis(100));
    try {
      store.load();
      store.open(List.of(), new JobChangeFeedTest.Remote());
      // stored after the load's prune, and older than the retention window
      store.append(List.of(JobChange.put(JobStoreContractTest.job("old",
          now.minus(Duration.ofHours(2))))), null).get(10, TimeUnit.SECONDS);
      try (Connection lock = dataSource.getConnection()) {
        lock.setAutoCommit(false);
        try (Statement statement = lock.createStatement()) {
          statement.execute("SELECT 1 FROM trafalgar_render_jobs WHERE job_id = 'old' FOR UPDATE");
        }
        Eventually.waitFor(Duration.ofSeconds(10), () -> count(dataSource, "SELECT count(*) "
            + "FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
            + "AND query LIKE 'DELETE FROM trafalgar_render_jobs%'") == 1);
        store.append(List.of(JobChange.put(JobStoreContractTest.job("new", now))), null)
            .get(5, TimeUnit.SECONDS);
        lock.rollback();
      }
      Eventually.waitFor(Duration.ofSeconds(10), () -> count(dataSource,
          "SELECT count(*) FROM trafalgar_render_jobs WHERE job_id = 'old'") == 0);
      assertEquals(1, count(dataSource,
          "SELECT count(*) FROM trafalgar_render_jobs WHERE job_id = 'new'"));
    } finally {
      store.close();
    }
  }

  private static long count(DataSource dataSource, String sql) {
    try (Connection c = dataSource.getConnection(); Statement statement = c.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}

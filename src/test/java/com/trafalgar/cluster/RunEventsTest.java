package com.trafalgar.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.trafalgar.events.EventDomain;
import com.trafalgar.ingest.WatcherGate;
import com.trafalgar.json.Json;
import com.trafalgar.testing.Eventually;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Run events in clustered mode on a real PostgreSQL: only the watcher's instance (lease
 * {@code ingest.watcher}) logs them, both instances deliver them with the same ids, and a new
 * watcher takes over from the runs the logged events describe.
 */
class RunEventsTest {
  private DataSource dataSource;
  private final List<ClusterEventLog> logs = new ArrayList<>();

  /** What the registry published so far, and the rebases it was asked for. */
  static final class Registry implements WatcherGate.Baseline {
    volatile Map<String, String> published = Map.of("r0", "{\"id\":\"r0\"}");
    final List<Map<String, String>> rebases = new CopyOnWriteArrayList<>();

    @Override
    public Optional<Map<String, String>> published() {
      return Optional.of(published);
    }

    @Override
    public void rebase(Map<String, String> runs) {
      rebases.add(runs);
    }
  }

  /** One instance's ingest side. */
  private final class Instance {
    final ClusterEventLog log;
    final EventDomain ingest = new EventDomain("ingest", 64, 1, "runs.snapshot", "runs");
    final Registry registry = new Registry();
    final List<String> delivered = new CopyOnWriteArrayList<>();

    Instance(String origin) throws Exception {
      log = new ClusterEventLog(dataSource, origin);
      logs.add(log);
      ingest.share(log, log.head("ingest"), true);
      ingest.atomically(() -> ingest.subscribe(event -> delivered.add(event.id() + " "
          + event.name() + " " + event.payload().path("run").path("id").asText())));
      log.follow(ingest);
      log.attach(registry);
    }

    void publish(String event, String runId) {
      ingest.publish(event, EventDomain.payload("run", Json.object().put("id", runId)));
    }
  }

  @BeforeEach
  void freshDatabase() {
    dataSource = ClusterDatabases.fresh();
  }

  @AfterEach
  void close() {
    logs.forEach(ClusterEventLog::stop);
  }

  @Test
  void theWatcherLogsRunEventsAndEveryInstanceDeliversThemWithTheSameIds() throws Exception {
    Instance a = new Instance("a");
    waitFor(() -> a.log.watchHere());
    Instance b = new Instance("b");
    Thread.sleep(300);
    assertFalse(b.log.watchHere(), "one watcher");
    // the first watcher of the cluster recorded its registry as the baseline, without events
    waitFor(() -> published(a).equals(Map.of("r0", "{\"id\":\"r0\"}")));
    waitFor(() -> {
      a.publish("run.created", "r1");
      return !a.delivered.isEmpty();
    });
    b.publish("run.created", "r-from-b"); // not the watcher: dropped
    a.publish("run.removed", "r0");
    waitFor(() -> b.delivered.size() == a.delivered.size() && a.delivered.size() >= 2
        && a.delivered.get(a.delivered.size() - 1).endsWith("run.removed r0"));
    assertEquals(a.delivered, b.delivered);
    assertTrue(a.delivered.stream().noneMatch(line -> line.contains("r-from-b")));
    assertEquals(Map.of("r1", "{\"id\":\"r1\"}"), published(a));
  }

  @Test
  void aNewWatcherRebasesOnWhatTheLoggedEventsDescribe() throws Exception {
    Instance a = new Instance("a");
    waitFor(() -> a.log.watchHere());
    Instance b = new Instance("b");
    waitFor(() -> published(a).size() == 1);
    waitFor(() -> {
      a.publish("run.created", "r1");
      return !b.delivered.isEmpty();
    });
    a.log.stop(); // releases the lease: B takes over at once
    waitFor(() -> !b.registry.rebases.isEmpty());
    assertTrue(b.log.watchHere());
    assertEquals(Map.of("r0", "{\"id\":\"r0\"}", "r1", "{\"id\":\"r1\"}"),
        b.registry.rebases.get(0));
    b.publish("run.updated", "r1");
    waitFor(() -> b.delivered.get(b.delivered.size() - 1).endsWith("run.updated r1"));
    long before = Long.parseLong(b.delivered.get(b.delivered.size() - 2).split(" ")[0]);
    long after = Long.parseLong(b.delivered.get(b.delivered.size() - 1).split(" ")[0]);
    assertEquals(before + 1, after, "ids go on from the old watcher's");
  }

  /** The runs the logged events describe ({@code trafalgar_ingest_runs}). */
  private Map<String, String> published(Instance any) {
    Map<String, String> runs = new TreeMap<>();
    try (Connection c = dataSource.getConnection();
        ResultSet rows = c.createStatement().executeQuery(
            "SELECT run_id, run FROM trafalgar_ingest_runs")) {
      while (rows.next()) {
        runs.put(rows.getString(1), rows.getString(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return runs;
  }

  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    Eventually.waitFor(Duration.ofSeconds(15), condition);
  }
}

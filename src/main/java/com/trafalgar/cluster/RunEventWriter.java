package com.trafalgar.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.trafalgar.events.EventDomain;
import com.trafalgar.ingest.WatcherGate;
import com.trafalgar.json.Json;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Logs the ingest domain's run events in clustered mode (docs/cluster.md, <i>Run events</i>). Only
 * the holder of the watcher's lease logs: every transaction first checks, in the database, that
 * this instance still holds it ({@code FOR SHARE}, so a take-over waits for the transaction and
 * then fences out the old holder), then appends the events and updates {@code
 * trafalgar_ingest_runs}, the runs as the logged events describe them. A new holder diffs the
 * registry against those rows ({@link #rebase}), so a hand-over neither loses a change nor logs
 * one twice. One thread, {@code trafalgar-cluster-run-events}, does the writing; publishing
 * only queues.
 */
final class RunEventWriter implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(RunEventWriter.class.getName());
  static final String DOMAIN = "ingest";
  private static final String FENCE = "SELECT 1 FROM trafalgar_leases WHERE name = ? AND "
      + "holder = ? AND expires_at > clock_timestamp() FOR SHARE";
  private static final String PUT_RUN = "INSERT INTO trafalgar_ingest_runs (run_id, run) "
      + "VALUES (?, ?) ON CONFLICT (run_id) DO UPDATE SET run = EXCLUDED.run";
  private static final String DELETE_RUN = "DELETE FROM trafalgar_ingest_runs WHERE run_id = ?";
  private static final String CLEAR_RUNS = "DELETE FROM trafalgar_ingest_runs";
  private static final String RUNS = "SELECT run_id, run FROM trafalgar_ingest_runs";
  private static final String BASELINED = "SELECT 1 FROM trafalgar_ingest_baseline";
  private static final String MARK = "INSERT INTO trafalgar_ingest_baseline DEFAULT VALUES";
  private static final int MAX_BATCH = 500;
  private static final Duration RETRY = Duration.ofSeconds(1);
  private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);
  private static final Duration KEPT = Duration.ofHours(1);
  private static final Object REBASE = new Object();

  private record Pending(String event, String data) {}

  private final DataSource dataSource;
  private final EventLog log;
  private final Lease lease;
  private final String holder;
  private final EventDomain domain;
  private final WatcherGate.Baseline baseline;
  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  /** Guarded by the domain lock: events are queued only between a rebase and a loss. */
  private boolean ready;
  private volatile boolean running = true;
  private final Thread thread;
  private long lastPruneNanos = System.nanoTime();

  RunEventWriter(DataSource dataSource, EventLog log, Lease lease, String holder,
      EventDomain domain, WatcherGate.Baseline baseline) {
    this.dataSource = dataSource;
    this.log = log;
    this.lease = lease;
    this.holder = holder;
    this.domain = domain;
    this.baseline = baseline;
    this.thread = new Thread(this::run, "trafalgar-cluster-run-events");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Queues an event the ingest domain published (under its lock). Dropped unless this instance
   * holds the lease and has rebased since it gained it: another instance logs it, or this one
   * will after its rebase, from the registry.
   */
  void append(String event, String data) {
    if (ready && lease.held()) {
      queue.add(new Pending(event, data));
    }
  }

  /** The lease was gained: rebase before logging anything. */
  void gained() {
    queue.add(REBASE);
  }

  /** The lease was lost: stop queuing (what is queued is fenced out if logged too late). */
  void lost() {
    domain.atomically(() -> ready = false);
  }

  private void run() {
    List<Pending> batch = new ArrayList<>();
    while (running) {
      try {
        Object first = queue.poll(1, TimeUnit.SECONDS);
        pruneNow();
        if (first == null) {
          continue;
        }
        if (first == REBASE) {
          rebaseUntilDone();
          continue;
        }
        batch.add((Pending) first);
        while (batch.size() < MAX_BATCH && queue.peek() instanceof Pending) {
          batch.add((Pending) queue.poll());
        }
        writeUntilDone(batch);
        batch.clear();
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Retries while this instance holds the lease; a fenced-out batch is dropped. */
  private void writeUntilDone(List<Pending> batch) throws InterruptedException {
    while (running && lease.held()) {
      try {
        if (!write(batch)) {
          LOG.fine(() -> batch.size() + " run event(s) fenced out: no longer the watcher.");
        }
        return;
      } catch (SQLException | RuntimeException e) {
        LOG.log(Level.WARNING, "Could not log " + batch.size() + " run event(s); retrying", e);
        Thread.sleep(RETRY.toMillis());
      }
    }
  }

  /** @return false when fenced out (another instance holds the lease) */
  private boolean write(List<Pending> batch) throws SQLException {
    return inFencedTransaction(c -> {
      List<EventLog.Pending> events = new ArrayList<>(batch.size());
      try (PreparedStatement put = c.prepareStatement(PUT_RUN);
          PreparedStatement delete = c.prepareStatement(DELETE_RUN)) {
        for (Pending pending : batch) {
          events.add(new EventLog.Pending(pending.event(), pending.data(), null));
          JsonNode run = readRun(pending.data());
          String id = run.path("id").asText();
          if (pending.event().equals("run.removed")) {
            delete.setString(1, id);
            delete.executeUpdate();
          } else {
            put.setString(1, id);
            put.setString(2, Json.compact(run));
            put.executeUpdate();
          }
        }
      }
      log.appendAll(c, DOMAIN, events);
    });
  }

  private void rebaseUntilDone() throws InterruptedException {
    while (running && lease.held()) {
      try {
        if (rebase()) {
          return;
        }
      } catch (SQLException | RuntimeException e) {
        LOG.log(Level.WARNING, "Could not take over the ingest run events; retrying", e);
      }
      Thread.sleep(RETRY.toMillis());
    }
  }

  /**
   * Under the ingest domain's lock, so no run event is published meanwhile: drops what was queued
   * before (those diffs were against this instance's own reads, not against what the cluster
   * logged), then makes the next read diff against {@code trafalgar_ingest_runs}. The cluster's
   * first watcher records its registry as the baseline instead, without events.
   *
   * @return false when it must be tried again (the registry was not read yet, or fenced out)
   */
  private boolean rebase() throws SQLException {
    try {
      return domain.atomically(() -> {
        queue.removeIf(item -> item instanceof Pending);
        try {
          ready = inFencedTransaction(this::takeOver);
          return ready;
        } catch (SQLException e) {
          throw new Failed(e);
        }
      });
    } catch (NotYet notYet) {
      return false;
    } catch (Failed failed) {
      throw failed.sql;
    }
  }

  /** Inside the fenced transaction: the rebase, or the cluster's first baseline. */
  private void takeOver(Connection c) throws SQLException {
    if (exists(c, BASELINED)) {
      baseline.rebase(runs(c));
      return;
    }
    Optional<Map<String, String>> published = baseline.published();
    if (published.isEmpty()) {
      throw new NotYet();
    }
    record(c, published.get());
  }

  private void record(Connection c, Map<String, String> runs) throws SQLException {
    try (PreparedStatement clear = c.prepareStatement(CLEAR_RUNS);
        PreparedStatement put = c.prepareStatement(PUT_RUN);
        PreparedStatement mark = c.prepareStatement(MARK)) {
      clear.executeUpdate();
      for (Map.Entry<String, String> run : runs.entrySet()) {
        put.setString(1, run.getKey());
        put.setString(2, run.getValue());
        put.addBatch();
      }
      put.executeBatch();
      mark.executeUpdate();
    }
    LOG.info(() -> "The cluster's ingest run baseline: " + runs.size() + " runs.");
  }

  private static Map<String, String> runs(Connection c) throws SQLException {
    Map<String, String> runs = new LinkedHashMap<>();
    try (PreparedStatement select = c.prepareStatement(RUNS);
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        runs.put(rows.getString(1), rows.getString(2));
      }
    }
    return runs;
  }

  private static boolean exists(Connection c, String sql) throws SQLException {
    try (PreparedStatement query = c.prepareStatement(sql);
        ResultSet rows = query.executeQuery()) {
      return rows.next();
    }
  }

  private interface Work {
    void run(Connection c) throws SQLException;
  }

  /** Carries a database failure out of the domain lock's supplier. */
  private static final class Failed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient SQLException sql;

    Failed(SQLException sql) {
      super(sql);
      this.sql = sql;
    }
  }

  /** The registry has not been read yet: the first baseline must wait for it. */
  private static final class NotYet extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotYet() {
      super(null, null, false, false);
    }
  }

  /** @return false (rolled back) when this instance no longer holds the lease */
  private boolean inFencedTransaction(Work work) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement fence = c.prepareStatement(FENCE)) {
          fence.setQueryTimeout(JdbcJobStore.QUERY_TIMEOUT_SECONDS);
          fence.setString(1, lease.name());
          fence.setString(2, holder);
          try (ResultSet rows = fence.executeQuery()) {
            if (!rows.next()) {
              c.rollback();
              return false;
            }
          }
        }
        work.run(c);
        c.commit();
        return true;
      } catch (SQLException | RuntimeException e) {
        EventLog.rollbackQuietly(c, e);
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  private static JsonNode readRun(String data) {
    try {
      return Json.mapper().readTree(data).path("run");
    } catch (IOException e) {
      throw new IllegalArgumentException("a run event that is not JSON", e);
    }
  }

  private void pruneNow() {
    if (System.nanoTime() - lastPruneNanos < PRUNE_EVERY.toNanos() || !lease.held()) {
      return;
    }
    lastPruneNanos = System.nanoTime();
    try {
      log.prune(DOMAIN, domain.replayCapacity(), KEPT);
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "Could not prune the ingest events", e);
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

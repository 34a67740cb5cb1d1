package com.trafalgar.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.trafalgar.events.EventDomain;
import com.trafalgar.json.Json;
import com.trafalgar.json.Timestamps;
import com.trafalgar.render.JobChange;
import com.trafalgar.render.JobRecords;
import com.trafalgar.render.JobStore;
import com.trafalgar.render.RenderJob;
import com.trafalgar.render.StoreFigures;
import com.trafalgar.render.StoreStats;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The {@link JobStore} in PostgreSQL ({@code trafalgar_render_jobs}, docs/cluster.md): one row per
 * job holding the record of API.md 5.13 as {@code jsonb}.
 *
 * <p>Appends are queued and written by one thread ({@code trafalgar-cluster-jobs}) with group
 * commit: every change queued while a transaction runs goes into the next one, so a thousand
 * submissions a second cost far fewer commits. A future completes once its transaction has
 * committed (a {@code 201} means committed); a failed transaction is rolled back whole, so nothing
 * it held reappears at the next load. Retention (5.13.4) is applied at load and then once a minute
 * on a thread of its own ({@code trafalgar-cluster-prune}), with the event log's window. The
 * database has no rotation or {@code .bak}: {@code last_rotation_at} and {@code
 * last_rotation_error} stay {@code null}; the write-ahead log and the database's backups take their
 * place.
 *
 * <p>Several instances share the table. Each transaction also logs its changes as the render
 * domain's {@code job.*} events ({@link JobChangeFeed}, in the same transaction: an event is in
 * the log exactly when its change is stored), and every instance follows the log from the position
 * it loaded at, applying the other instances' changes to its history ({@link History#applyRemote})
 * and delivering every event with the log's cluster-wide id.
 */
public final class JdbcJobStore implements JobStore {
  private static final Logger LOG = Logger.getLogger(JdbcJobStore.class.getName());
  /** Upper bound of any one statement, so the writer never hangs on a lost database. */
  static final int QUERY_TIMEOUT_SECONDS = 10;
  private static final long CLOSE_TIMEOUT_MILLIS = 30_000;
  private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);
  /** The most {@link #append} calls one transaction commits (bounds its size under a burst). */
  private static final int MAX_GROUP = 1000;

  private static final String UPSERT = """
      INSERT INTO trafalgar_render_jobs (job_id, created_at, record)
      VALUES (?, ?, ?::jsonb)
      ON CONFLICT (job_id) DO UPDATE SET created_at = EXCLUDED.created_at,
        record = EXCLUDED.record, seq = nextval('trafalgar_render_jobs_seq'),
        updated_at = clock_timestamp()""";
  private static final String DELETE = "DELETE FROM trafalgar_render_jobs WHERE job_id = ?";
  private static final String PRUNE = "DELETE FROM trafalgar_render_jobs WHERE created_at < ?";
  private static final String SELECT =
      "SELECT record::text FROM trafalgar_render_jobs ORDER BY created_at, seq";

  /** One {@link #append} call. */
  private record Batch(List<JobChange> changes, Runnable onDurable,
      CompletableFuture<Void> durable) {}

  private final DataSource dataSource;
  private final Optional<Duration> retention;
  private final Clock clock;
  private final JobChangeFeed feed;
  private final StoreFigures figures = new StoreFigures();
  /** The log position the load read at: the follower starts after it. */
  private long loadedAt;
  private final LinkedBlockingQueue<Batch> queue = new LinkedBlockingQueue<>();
  private volatile History history;
  private volatile Thread writer;
  private volatile boolean closed;
  private final Duration pruneEvery;
  private volatile ScheduledExecutorService pruner;
  /** Kept between the commits of a busy writer (writer thread; {@link #open} before it). */
  private final WriterConnection connection;

  /** A store whose events go to a render domain of its own (tests, measurements). */
  public JdbcJobStore(DataSource dataSource, Optional<Duration> retention, Clock clock,
      String origin) {
    this(dataSource, retention, clock, origin,
        new EventDomain("render", 1024, 0, "jobs.snapshot", "jobs"));
  }

  /**
   * @param origin this instance's id: its own events are not applied twice
   * @param render the render domain its logged events are delivered to
   */
  public JdbcJobStore(DataSource dataSource, Optional<Duration> retention, Clock clock,
      String origin, EventDomain render) {
    this(dataSource, retention, clock, origin, render, PRUNE_EVERY);
  }

  /** @param pruneEvery how often retention and the event log's window are applied */
  JdbcJobStore(DataSource dataSource, Optional<Duration> retention, Clock clock, String origin,
      EventDomain render, Duration pruneEvery) {
    this.pruneEvery = pruneEvery;
    this.dataSource = dataSource;
    this.connection = new WriterConnection(dataSource, WriterConnection.KEEP);
    this.retention = retention;
    this.clock = clock;
    this.feed = new JobChangeFeed(dataSource, origin, render);
  }

  /**
   * Prunes by retention and reads every job. Unlike the file store, a database that cannot be read
   * fails the start (an instance that started empty would answer for a history it lacks).
   */
  @Override
  public List<RenderJob> load() {
    figures.loaded(now());
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      prune(c);
      // the feed position first: a change committed after it is applied again, never missed
      loadedAt = feed.position();
      List<RenderJob> jobs = new ArrayList<>();
      try (PreparedStatement select = c.prepareStatement(SELECT)) {
        select.setFetchSize(1000);
        c.setAutoCommit(false); // a cursor, not all rows at once
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            parse(rows.getString(1)).ifPresent(jobs::add);
          }
        } finally {
          c.commit();
          c.setAutoCommit(true);
        }
      }
      figures.retained(jobs.size());
      LOG.info(() -> "Loaded " + jobs.size() + " render jobs from the cluster database.");
      return jobs;
    } catch (SQLException e) {
      throw new IllegalStateException("Could not load the render jobs from the cluster database.",
          e);
    }
  }

  static Optional<RenderJob> parse(String record) {
    try {
      JsonNode item = Json.mapper().readTree(record);
      return Optional.of(JobRecords.parse(item));
    } catch (JobRecords.BadRecord e) {
      LOG.warning(() -> "Skipping job store record: " + e.getMessage() + ".");
    } catch (IOException | RuntimeException e) {
      LOG.warning(() -> "Skipping job store record: not readable JSON.");
    }
    return Optional.empty();
  }

  @Override
  public void open(List<String> evictedAtLoad, History liveHistory) {
    this.history = liveHistory;
    if (!evictedAtLoad.isEmpty()) {
      List<JobChange> removals = new ArrayList<>();
      evictedAtLoad.forEach(id -> removals.add(JobChange.remove(id)));
      try {
        write(List.of(new Batch(removals, null, new CompletableFuture<>())));
      } catch (SQLException e) {
        LOG.log(Level.SEVERE, "Could not delete the jobs the history limit evicted at load", e);
        figures.writeFailed(WriteFailures.describe(e));
      }
      connection.close(); // the writer thread checks out its own
    }
    Thread thread = new Thread(this::writeLoop, "trafalgar-cluster-jobs");
    thread.setDaemon(true);
    writer = thread;
    thread.start();
    // off the writer: a prune scans the log's last hour, and commits must not wait behind it
    ScheduledExecutorService pruning = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread pruneThread = new Thread(task, "trafalgar-cluster-prune");
      pruneThread.setDaemon(true);
      return pruneThread;
    });
    pruning.scheduleWithFixedDelay(this::pruneNow, pruneEvery.toMillis(), pruneEvery.toMillis(),
        TimeUnit.MILLISECONDS);
    pruner = pruning;
    feed.follow(loadedAt, liveHistory);
  }

  @Override
  public CompletableFuture<Void> append(List<JobChange> changes, Runnable onDurable) {
    CompletableFuture<Void> durable = new CompletableFuture<>();
    if (closed || writer == null) {
      durable.completeExceptionally(new IOException("The job store is closed."));
      return durable;
    }
    List<JobChange> copy = List.copyOf(changes);
    feed.queued(copy);
    queue.add(new Batch(copy, onDurable, durable));
    return durable;
  }

  private void writeLoop() {
    List<Batch> batches = new ArrayList<>();
    while (true) {
      try {
        Batch first = queue.poll(1, TimeUnit.SECONDS);
        if (first == null) {
          connection.close(); // idle: the next checkout is validated
          if (closed) {
            queue.forEach(b -> b.durable().completeExceptionally(
                new IOException("The job store is closed.")));
            return;
          }
          continue;
        }
        batches.add(first);
        queue.drainTo(batches, MAX_GROUP - 1);
        commit(batches);
        batches.clear();
      } catch (InterruptedException e) {
        connection.close();
        // close() interrupts only after the queue drained or its patience ran out
        batches.forEach(b -> b.durable().completeExceptionally(
            new IOException("The job store closed before the change was written.")));
        queue.forEach(b -> b.durable().completeExceptionally(
            new IOException("The job store closed before the change was written.")));
        return;
      }
    }
  }

  /** Writes the batches in one transaction, then completes them in order. */
  private void commit(List<Batch> batches) {
    try {
      write(batches);
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "Could not write " + batches.size() + " render job change(s) to the "
          + "cluster database", e);
      figures.writeFailed(WriteFailures.describe(e));
      IOException failure = new IOException("The job database write failed.", e);
      batches.forEach(b -> feed.failed(b.changes()));
      batches.forEach(b -> b.durable().completeExceptionally(failure));
      return;
    }
    figures.saved(now());
    countRetained();
    for (Batch batch : batches) {
      try {
        if (batch.onDurable() != null) {
          batch.onDurable().run();
        }
        batch.durable().complete(null);
      } catch (RuntimeException e) {
        batch.durable().completeExceptionally(e);
      }
    }
  }

  private void write(List<Batch> batches) throws SQLException {
    Connection c = connection.get();
    try (PreparedStatement upsert = c.prepareStatement(UPSERT);
        PreparedStatement delete = c.prepareStatement(DELETE)) {
      upsert.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      delete.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      // consecutive changes of one kind go in one JDBC batch; a change of kind flushes, so the
      // order of a put and a remove of the same job is kept
      PreparedStatement pending = null;
      List<JobChange> all = new ArrayList<>();
      // each record serialised once: the row and its event carry the same text
      List<String> records = new ArrayList<>();
      for (Batch batch : batches) {
        for (JobChange change : batch.changes()) {
          PreparedStatement statement = change instanceof JobChange.Put ? upsert : delete;
          if (pending != null && pending != statement) {
            pending.executeBatch();
          }
          if (change instanceof JobChange.Put put) {
            RenderJob job = put.job();
            String record = Json.compact(job.record());
            upsert.setString(1, job.jobId());
            upsert.setTimestamp(2, Timestamp.from(job.createdAt()));
            upsert.setString(3, record);
            records.add(record);
          } else {
            delete.setString(1, ((JobChange.Remove) change).jobId());
            records.add(null);
          }
          all.add(change);
          statement.addBatch();
          pending = statement;
        }
      }
      if (pending != null) {
        pending.executeBatch();
        feed.append(c, all, records);
      }
      c.commit();
      connection.committed();
    } catch (SQLException | RuntimeException e) {
      EventLog.rollbackQuietly(c, e);
      connection.close();
      throw e;
    }
  }

  /** Applies the retention window and the event log's (thread trafalgar-cluster-prune). */
  private void pruneNow() {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      prune(c);
      countRetained();
      feed.prune();
    } catch (SQLException | RuntimeException e) {
      // the next pass tries again: a scheduled task that throws is never run again
      LOG.log(Level.WARNING, "Could not apply the job retention in the cluster database", e);
    }
  }

  private void prune(Connection c) throws SQLException {
    if (retention.isEmpty()) {
      return;
    }
    try (PreparedStatement prune = c.prepareStatement(PRUNE)) {
      prune.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      prune.setTimestamp(1, Timestamp.from(cutoff()));
      int pruned = prune.executeUpdate();
      figures.pruned(pruned, now());
    }
  }

  private void countRetained() {
    History live = history;
    if (live == null) {
      return;
    }
    if (retention.isEmpty()) {
      figures.retained(live.size());
    } else {
      Instant cutoff = cutoff();
      figures.retained((int) live.view().stream()
          .filter(job -> !job.createdAt().isBefore(cutoff)).count());
    }
  }

  private Instant cutoff() {
    try {
      return clock.instant().minus(retention.orElseThrow());
    } catch (ArithmeticException | DateTimeException e) {
      return Instant.EPOCH;
    }
  }

  /** Its transactions log the job events: the poller's changes must not wait for a throttle. */
  @Override
  public boolean carriesEvents() {
    return true;
  }

  @Override
  public StoreStats stats() {
    return figures.stats(retention.map(Duration::getSeconds).orElse(null),
        figures.failing() ? "failing" : "ok");
  }

  /** Waits (bounded) for the queued changes, then stops the writer; later appends fail at once. */
  @Override
  public void close() {
    closed = true;
    feed.close();
    Optional.ofNullable(pruner).ifPresent(ScheduledExecutorService::shutdownNow);
    Thread thread = writer;
    if (thread == null) {
      return;
    }
    try {
      thread.join(CLOSE_TIMEOUT_MILLIS);
      if (thread.isAlive()) {
        thread.interrupt();
        thread.join(5_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Instant now() {
    return Timestamps.truncate(clock.instant());
  }
}

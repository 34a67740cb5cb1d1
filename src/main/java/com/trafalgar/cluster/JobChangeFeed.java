package com.trafalgar.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.json.Json;
import com.trafalgar.render.JobChange;
import com.trafalgar.render.JobStore;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The job store's change feed (docs/cluster.md): the {@link EventLog} domain {@value #DOMAIN}, one
 * entry per committed store transaction holding its changes in the journal's line format
 * ({@code [{"op":"put","job":{record}}, {"op":"remove","job_id":"…"}]}). Appended inside the
 * store's transaction, so a change is in the feed exactly when it is stored; followed by every
 * instance, which applies the other instances' entries to its history in feed order.
 */
final class JobChangeFeed implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(JobChangeFeed.class.getName());
  static final String DOMAIN = "render.store";
  /** How long entries are kept: far longer than any live follower lags. */
  private static final Duration KEPT = Duration.ofHours(1);
  /** The poll period when a notification is missed (or cannot be received). */
  private static final Duration POLL = Duration.ofSeconds(1);

  private final DataSource dataSource;
  private final String origin;
  private final EventLog log;
  private volatile EventLogFollower follower;

  JobChangeFeed(DataSource dataSource, String origin) {
    this.dataSource = dataSource;
    this.origin = origin;
    this.log = new EventLog(dataSource, origin);
  }

  /** The id of the last entry (read before a load: later entries are applied on top of it). */
  long position() throws SQLException {
    return log.head(DOMAIN);
  }

  /** Appends the changes as one entry inside the caller's transaction. */
  void append(Connection c, List<JobChange> changes) throws SQLException {
    ArrayNode lines = Json.mapper().createArrayNode();
    for (JobChange change : changes) {
      ObjectNode line = lines.addObject();
      if (change instanceof JobChange.Put put) {
        line.put("op", "put");
        line.set("job", put.job().record());
      } else {
        line.put("op", "remove");
        line.put("job_id", ((JobChange.Remove) change).jobId());
      }
    }
    log.append(c, DOMAIN, "changes", Json.compact(lines));
  }

  /** Starts applying the other instances' entries after {@code from} to {@code history}. */
  void follow(long from, JobStore.History history) {
    EventLogFollower started = new EventLogFollower(dataSource, log, Map.of(DOMAIN, from), POLL,
        (domain, entry) -> apply(entry, history));
    follower = started;
    started.start();
  }

  private void apply(EventLog.Entry entry, JobStore.History history) {
    if (origin.equals(entry.origin())) {
      return;
    }
    try {
      for (JsonNode line : Json.mapper().readTree(entry.payload())) {
        String op = line.path("op").asText();
        if (op.equals("remove")) {
          history.applyRemote(JobChange.remove(line.path("job_id").asText()));
        } else if (op.equals("put") && line.hasNonNull("job")) {
          JdbcJobStore.parse(line.get("job").toString())
              .ifPresent(job -> history.applyRemote(JobChange.put(job)));
        }
      }
    } catch (IOException e) {
      LOG.warning(() -> "Skipping change feed entry " + entry.id() + ": not readable JSON.");
    }
  }

  /** Drops entries older than an hour. */
  void prune() {
    try {
      log.pruneOlderThan(DOMAIN, KEPT);
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "Could not prune the job change feed", e);
    }
  }

  @Override
  public void close() {
    EventLogFollower following = follower;
    if (following != null) {
      following.close();
    }
  }
}

package com.trafalgar.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.events.EventDomain;
import com.trafalgar.json.Json;
import com.trafalgar.render.JobChange;
import com.trafalgar.render.JobStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The job store's changes as the {@code render} domain's events (docs/cluster.md, <i>One history
 * on every instance</i>): every change a store transaction commits is logged, in that transaction,
 * as its {@code job.*} event carrying the job's record, so an event is in the log exactly when its
 * change is committed. Every instance follows the domain and hands each event, its own and the
 * others', to its render {@link EventDomain} with the log's id, after applying the others' job
 * state to its history under the same lock.
 *
 * <p>This instance's own changes are in memory before they are logged (a {@code 201} then
 * {@code GET} on the same instance finds the job). Until its own event for a job is delivered, a
 * change of that job from another instance is not applied: it is older in log order than the
 * pending one, which will win everywhere. So every history ends with the state of the job's last
 * event in the log.
 */
final class JobChangeFeed implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(JobChangeFeed.class.getName());
  static final String DOMAIN = "render";
  /** The change feed of earlier versions: no longer written, pruned away. */
  private static final String OLD_FEED = "render.store";
  /** How long events are kept at least: far longer than any live follower lags. */
  private static final Duration KEPT = Duration.ofHours(1);
  /** The poll period when a notification is missed (or cannot be received). */
  private static final Duration POLL = Duration.ofSeconds(1);

  private final DataSource dataSource;
  private final String origin;
  private final EventLog log;
  private final EventDomain domain;
  /** Per job: this instance's changes queued or logged but not yet delivered back. */
  private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();
  private volatile EventLogFollower follower;

  JobChangeFeed(DataSource dataSource, String origin, EventDomain domain) {
    this.dataSource = dataSource;
    this.origin = origin;
    this.log = new EventLog(dataSource, origin);
    this.domain = domain;
  }

  /** The id of the last event (read before a load: later events are applied on top of it). */
  long position() throws SQLException {
    return log.head(DOMAIN);
  }

  /** Notes changes handed to the store (under the render domain's lock, in change order). */
  void queued(List<JobChange> changes) {
    changes.forEach(change -> inFlight.merge(jobId(change), 1, Integer::sum));
  }

  /** Notes changes whose transaction was rolled back: no event of theirs will come back. */
  void failed(List<JobChange> changes) {
    changes.forEach(change -> done(jobId(change)));
  }

  /**
   * Logs the changes as job events inside the caller's transaction.
   *
   * @param records each change's job record as stored (null for a removal)
   */
  void append(Connection c, List<JobChange> changes, List<String> records) throws SQLException {
    List<EventLog.Pending> events = new ArrayList<>(changes.size());
    for (int i = 0; i < changes.size(); i++) {
      JobChange change = changes.get(i);
      ObjectNode body = Json.object();
      if (change instanceof JobChange.Put put) {
        String event = put.created() ? "job.created" : "job.updated";
        body.put("event", event);
        body.set("job", put.job().metadata());
        events.add(new EventLog.Pending(event, Json.compact(body), records.get(i)));
      } else {
        body.put("event", "job.removed");
        body.putObject("job").put("job_id", ((JobChange.Remove) change).jobId());
        events.add(new EventLog.Pending("job.removed", Json.compact(body), null));
      }
    }
    log.appendAll(c, DOMAIN, events);
  }

  /**
   * Starts delivering the events after {@code from} (the position the jobs were loaded at) to the
   * render domain, applying the other instances' changes to {@code history}.
   */
  void follow(long from, JobStore.History history) {
    domain.startAt(from);
    EventLogFollower started = new EventLogFollower(dataSource, log, Map.of(DOMAIN, from), POLL,
        (name, entry) -> domain.deliver(entry.id(), entry.event(), entry.payload(),
            payload -> apply(entry, payload, history)));
    follower = started;
    started.start();
  }

  /** Under the render domain's lock, just before the event is delivered. */
  private void apply(EventLog.Entry entry, JsonNode payload, JobStore.History history) {
    String jobId = payload.path("job").path("job_id").asText();
    if (jobId.isEmpty()) {
      LOG.warning(() -> "Render event " + entry.id() + " names no job; not applied.");
      return;
    }
    if (origin.equals(entry.origin())) {
      done(jobId); // already in memory since it was made
      return;
    }
    if (inFlight.containsKey(jobId)) {
      return; // a change of ours comes later in the log and wins
    }
    if (entry.state() == null) {
      history.applyRemote(JobChange.remove(jobId));
    } else {
      JdbcJobStore.parse(entry.state()).ifPresent(job -> history.applyRemote(
          entry.event().equals("job.created") ? JobChange.created(job) : JobChange.put(job)));
    }
  }

  private void done(String jobId) {
    inFlight.computeIfPresent(jobId, (id, count) -> count > 1 ? count - 1 : null);
  }

  private static String jobId(JobChange change) {
    return change instanceof JobChange.Put put ? put.job().jobId()
        : ((JobChange.Remove) change).jobId();
  }

  /**
   * Drops the events outside the replay window ({@code TRAFALGAR_EVENT_REPLAY_BUFFER}) that are
   * also older than an hour: a follower that lags (a brief database outage) still finds every
   * event after its position.
   */
  void prune() {
    try {
      log.prune(DOMAIN, domain.replayCapacity(), KEPT);
      log.pruneOlderThan(OLD_FEED, KEPT);
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "Could not prune the render events", e);
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

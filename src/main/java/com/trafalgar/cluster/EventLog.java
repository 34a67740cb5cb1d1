package com.trafalgar.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * The shared, durable event log (docs/cluster.md, <i>Event log</i>): every instance appends its
 * domain events to {@code trafalgar_events} and every instance reads them back in id order, so
 * ids are cluster-wide and a {@code Last-Event-ID} is honoured by whichever instance a client
 * reconnects to.
 *
 * <p>An append takes its domain's row of {@code trafalgar_event_heads} for the next id and holds
 * that row's lock until commit, so the appends of one domain commit in id order: a reader that has
 * read up to id {@code n} never later finds an id below {@code n} appear. The commit also sends
 * {@code NOTIFY trafalgar_events} (delivered only if the transaction commits), the wake-up for the
 * other instances' {@link EventLogFollower}s; the table stays the source of truth.
 */
public final class EventLog {
  /** The LISTEN/NOTIFY channel. */
  public static final String CHANNEL = "trafalgar_events";

  /**
   * Takes a domain's next ids and queues the wake-up in the same statement (a notification is
   * sent at commit, whatever the statement order): one round trip fewer per transaction.
   */
  private static final String NEXT_IDS = "UPDATE trafalgar_event_heads SET last_id = last_id + ? "
      + "WHERE domain = ? RETURNING last_id, pg_notify('" + CHANNEL + "', domain)";
  private static final String INSERT = "INSERT INTO trafalgar_events (domain, id, event, payload, "
      + "origin, state) VALUES (?, ?, ?, ?, ?, ?)";
  /** The state only of other instances' events: an instance holds its own already. */
  private static final String AFTER = "SELECT id, event, payload, origin, "
      + "CASE WHEN origin = ? THEN NULL ELSE state END FROM trafalgar_events "
      + "WHERE domain = ? AND id > ? ORDER BY id LIMIT ?";
  private static final String HEAD = "SELECT last_id FROM trafalgar_event_heads WHERE domain = ?";
  private static final String OLDEST = "SELECT min(id) FROM trafalgar_events WHERE domain = ?";
  private static final String PRUNE = "DELETE FROM trafalgar_events WHERE domain = ? AND id <= "
      + "(SELECT last_id FROM trafalgar_event_heads WHERE domain = ?) - ?";

  /** The moment {@code age} seconds ago, by the database's clock, taken once per statement. */
  private static final String CUTOFF = "(SELECT clock_timestamp() - make_interval(secs => ?))";

  /**
   * The first id of a domain published at or after the cutoff, found by reading the domain's
   * events from its oldest up to the first young one. A domain's ids are taken under its head's
   * row lock, held until commit, and each event is stamped in that transaction, so the stamps
   * rise with the ids: the events below this id are the old ones. An age prune that scanned every
   * event outside the replay window read the whole log once a minute (600 ms of a core per pass
   * at 190,000 events, docs/benchmarks.md) to delete nothing; bounded by this id it reads only
   * what it deletes, and its own stamp test still guards against a clock stepped backwards.
   */
  private static final String FIRST_YOUNG = "coalesce((SELECT y.id FROM trafalgar_events y "
      + "WHERE y.domain = ? AND y.published_at >= " + CUTOFF + " ORDER BY y.id LIMIT 1), "
      + Long.MAX_VALUE + ")";

  /** Parameters: domain, domain, keep, domain, age, age. */
  static final String PRUNE_BOTH = PRUNE + " AND id < " + FIRST_YOUNG
      + " AND published_at < " + CUTOFF;

  /** Parameters: domain, domain, domain, age, age. */
  static final String PRUNE_AGE = "DELETE FROM trafalgar_events WHERE domain = ? AND id < "
      + "(SELECT last_id FROM trafalgar_event_heads WHERE domain = ?) AND id < " + FIRST_YOUNG
      + " AND published_at < " + CUTOFF;

  /**
   * One logged event.
   *
   * @param payload the data line the subscribers get
   * @param state what other instances apply when they deliver it (a job record); null when the
   *     event carries none, and as read back by {@link #after} for this instance's own events
   */
  public record Entry(long id, String event, String payload, String origin, String state) {}

  private final DataSource dataSource;
  private final String origin;

  /**
   * @param origin this instance's id, stored with each event it appends
   */
  public EventLog(DataSource dataSource, String origin) {
    this.dataSource = dataSource;
    this.origin = origin;
  }

  /**
   * Appends one event in its own transaction.
   *
   * @return the event's id
   */
  public long append(String domain, String event, String payload) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        long id = append(c, domain, event, payload);
        c.commit();
        return id;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c, e);
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  /**
   * Appends one event inside the caller's transaction (so a job row and its event commit
   * together); the caller commits. The domain's head stays locked until then.
   */
  public long append(Connection c, String domain, String event, String payload)
      throws SQLException {
    return append(c, domain, event, payload, null);
  }

  /** As {@link #append(Connection, String, String, String)}, with the state it carries. */
  public long append(Connection c, String domain, String event, String payload, String state)
      throws SQLException {
    return appendAll(c, domain, List.of(new Pending(event, payload, state)));
  }

  /** An event to append: its name, data line and the state it carries (may be null). */
  public record Pending(String event, String payload, String state) {}

  /**
   * Appends several events of one domain inside the caller's transaction, with consecutive ids
   * taken in one step and one batched insert (a group commit of the job store appends hundreds).
   *
   * @return the id of the last one; the first is that minus {@code events.size() - 1}
   */
  public long appendAll(Connection c, String domain, List<Pending> events) throws SQLException {
    if (events.isEmpty()) {
      throw new IllegalArgumentException("nothing to append");
    }
    long last;
    try (PreparedStatement next = c.prepareStatement(NEXT_IDS)) {
      next.setInt(1, events.size());
      next.setString(2, domain);
      try (ResultSet rows = next.executeQuery()) {
        if (!rows.next()) {
          throw new SQLException("unknown event domain " + domain);
        }
        last = rows.getLong(1);
      }
    }
    try (PreparedStatement insert = c.prepareStatement(INSERT)) {
      long id = last - events.size() + 1;
      for (Pending event : events) {
        insert.setString(1, domain);
        insert.setLong(2, id++);
        insert.setString(3, event.event());
        insert.setString(4, event.payload());
        insert.setString(5, origin);
        insert.setString(6, event.state());
        insert.addBatch();
      }
      insert.executeBatch();
    }
    return last;
  }

  /**
   * Up to {@code limit} events of {@code domain} after id {@code afterId}, in id order; the state
   * only of other instances' events (null for this instance's own).
   */
  public List<Entry> after(String domain, long afterId, int limit) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return after(c, domain, afterId, limit);
    }
  }

  /** As {@link #after(String, long, int)}, on the caller's connection (a follower's own). */
  List<Entry> after(Connection c, String domain, long afterId, int limit) throws SQLException {
    try (PreparedStatement after = c.prepareStatement(AFTER)) {
      after.setString(1, origin);
      after.setString(2, domain);
      after.setLong(3, afterId);
      after.setInt(4, limit);
      List<Entry> entries = new ArrayList<>();
      try (ResultSet rows = after.executeQuery()) {
        while (rows.next()) {
          entries.add(new Entry(rows.getLong(1), rows.getString(2), rows.getString(3),
              rows.getString(4), rows.getString(5)));
        }
      }
      return entries;
    }
  }

  /** The id of the domain's last event (the start value before the first). */
  public long head(String domain) throws SQLException {
    return single(HEAD, domain).orElseThrow(() -> new SQLException("unknown domain " + domain));
  }

  /** The id of the oldest event still in the log, if any (the replay window's start). */
  public OptionalLong oldest(String domain) throws SQLException {
    return single(OLDEST, domain);
  }

  /**
   * Deletes all but the newest {@code keep} ids of a domain (the replay window,
   * {@code TRAFALGAR_EVENT_REPLAY_BUFFER}).
   *
   * @return how many events were deleted
   */
  public int prune(String domain, int keep) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement prune = c.prepareStatement(PRUNE)) {
      prune.setString(1, domain);
      prune.setString(2, domain);
      prune.setLong(3, keep);
      return prune.executeUpdate();
    }
  }

  /**
   * Deletes the events of a domain that are both outside the newest {@code keep} ids and older
   * than {@code age} (by the database's clock).
   *
   * @return how many events were deleted
   */
  public int prune(String domain, int keep, Duration age) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement prune = c.prepareStatement(PRUNE_BOTH)) {
      double seconds = age.toMillis() / 1000.0;
      prune.setString(1, domain);
      prune.setString(2, domain);
      prune.setLong(3, keep);
      prune.setString(4, domain);
      prune.setDouble(5, seconds);
      prune.setDouble(6, seconds);
      return prune.executeUpdate();
    }
  }

  /**
   * Deletes a domain's events older than {@code age} (by the database's clock), keeping the last
   * one so the head stays readable.
   *
   * @return how many events were deleted
   */
  public int pruneOlderThan(String domain, Duration age) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement prune = c.prepareStatement(PRUNE_AGE)) {
      double seconds = age.toMillis() / 1000.0;
      prune.setString(1, domain);
      prune.setString(2, domain);
      prune.setString(3, domain);
      prune.setDouble(4, seconds);
      prune.setDouble(5, seconds);
      return prune.executeUpdate();
    }
  }

  private OptionalLong single(String sql, String domain) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement query = c.prepareStatement(sql)) {
      query.setString(1, domain);
      try (ResultSet rows = query.executeQuery()) {
        if (!rows.next()) {
          return OptionalLong.empty();
        }
        long value = rows.getLong(1);
        return rows.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
      }
    }
  }

  static void rollbackQuietly(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}

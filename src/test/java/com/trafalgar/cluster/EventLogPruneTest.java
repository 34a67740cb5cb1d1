package com.trafalgar.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The event log's age prunes on a real PostgreSQL: what they delete (old events outside the
 * replay window, never a young one, never a domain's last) and what they read to find it (only
 * the old events, not the whole log: the plan's own row counts).
 */
class EventLogPruneTest {
  private static final Duration HOUR = Duration.ofHours(1);

  private DataSource dataSource;
  private EventLog log;

  @BeforeEach
  void freshDatabase() {
    dataSource = ClusterDatabases.fresh();
    log = new EventLog(dataSource, "a");
  }

  @Test
  void anAgePruneDeletesTheOldEventsOutsideTheWindowOnly() throws Exception {
    long start = append("render", 10);
    age("render", start + 1, start + 6);
    // the window keeps the newest 8: of the six old events, two lie outside it
    assertEquals(2, log.prune("render", 8, HOUR));
    assertEquals(start + 3, log.oldest("render").getAsLong());
    // the window keeps the newest 2: the other old four go, the young four stay
    assertEquals(4, log.prune("render", 2, HOUR));
    assertEquals(start + 7, log.oldest("render").getAsLong());
    assertEquals(0, log.prune("render", 2, HOUR));
  }

  @Test
  void anOldEventAfterAYoungOneWaitsForTheNextPass() throws Exception {
    // a clock stepped backwards stamps an event older than the one before it: it stays (the
    // prune stops at the first young event) and no young event is deleted
    long start = append("render", 6);
    age("render", start + 1, start + 3);
    age("render", start + 5, start + 5);
    assertEquals(3, log.prune("render", 0, HOUR));
    assertEquals(start + 4, log.oldest("render").getAsLong());
  }

  @Test
  void pruneOlderThanKeepsTheDomainsLastEvent() throws Exception {
    long start = append("render.store", 5);
    age("render.store", start + 1, start + 5);
    assertEquals(4, log.pruneOlderThan("render.store", HOUR));
    assertEquals(start + 5, log.oldest("render.store").getAsLong());
  }

  @Test
  void anAgePruneReadsOnlyTheEventsItDeletes() throws Exception {
    long start = append("render", 2000);
    age("render", start + 1, start + 10);
    analyze(); // as autovacuum keeps a production log's statistics
    // before: every event outside the window was read to test its stamp (1,995 rows here)
    JsonNode plan = explainRolledBack(EventLog.PRUNE_BOTH, "render", "render", 5L, "render",
        3600.0, 3600.0);
    assertEquals(10, deleted(plan), plan.toString());
    long read = rowsRead(plan, "trafalgar_events");
    assertTrue(read <= 25, "rows of the log read: " + read + " in " + plan);
    plan = explainRolledBack(EventLog.PRUNE_AGE, "render", "render", "render", 3600.0, 3600.0);
    assertEquals(10, deleted(plan), plan.toString());
    read = rowsRead(plan, "trafalgar_events");
    assertTrue(read <= 25, "rows of the log read: " + read + " in " + plan);
  }

  /** Appends {@code count} events in one transaction; returns the head before them. */
  private long append(String domain, int count) throws SQLException {
    long start = log.head(domain);
    List<EventLog.Pending> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(new EventLog.Pending("job.updated", "{\"i\":" + i + "}", null));
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      log.appendAll(c, domain, events);
      c.commit();
    }
    return start;
  }

  /** Stamps the events {@code from}..{@code to} two hours ago. */
  private void age(String domain, long from, long to) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement update = c.prepareStatement("UPDATE trafalgar_events SET published_at ="
            + " clock_timestamp() - interval '2 hours' WHERE domain = ? AND id BETWEEN ? AND ?")) {
      update.setString(1, domain);
      update.setLong(2, from);
      update.setLong(3, to);
      assertEquals(to - from + 1, update.executeUpdate());
    }
  }

  private void analyze() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement analyze = c.prepareStatement("ANALYZE trafalgar_events")) {
      analyze.execute();
    }
  }

  /** The executed plan of {@code sql}, whose changes are then rolled back. */
  private JsonNode explainRolledBack(String sql, Object... parameters) throws Exception {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement explain = c.prepareStatement("EXPLAIN (ANALYZE, FORMAT JSON) "
          + sql)) {
        for (int i = 0; i < parameters.length; i++) {
          explain.setObject(i + 1, parameters[i]);
        }
        try (ResultSet rows = explain.executeQuery()) {
          rows.next();
          return new ObjectMapper().readTree(rows.getString(1)).get(0).get("Plan");
        }
      } finally {
        c.rollback();
      }
    }
  }

  /** Rows the delete's scan of the log returned (the events it deleted). */
  private static long deleted(JsonNode modify) {
    for (JsonNode child : modify.get("Plans")) {
      if (child.path("Parent Relationship").asText().equals("Outer")) {
        return child.get("Actual Rows").asLong() * child.get("Actual Loops").asLong();
      }
    }
    throw new AssertionError("no scan under the delete: " + modify);
  }

  /** Rows every scan of {@code table} in the plan read: those it returned and those filtered. */
  private static long rowsRead(JsonNode node, String table) {
    long read = 0;
    if (table.equals(node.path("Relation Name").asText()) && !node.path("Node Type").asText()
        .equals("ModifyTable")) {
      long loops = node.path("Actual Loops").asLong(1);
      read += (node.path("Actual Rows").asLong() + node.path("Rows Removed by Filter").asLong())
          * loops;
    }
    for (JsonNode child : node.path("Plans")) {
      read += rowsRead(child, table);
    }
    return read;
  }
}

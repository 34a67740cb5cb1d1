package com.trafalgar.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.trafalgar.testing.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The test harness itself: a real server starts, keeps its data over a restart, and stops. */
class PostgresServerTest {

  @Test
  void startsRestartsAndStops() throws SQLException {
    PostgresServer.assumeAvailable();
    try (PostgresServer server = PostgresServer.start(false)) {
      try (Connection c = server.connect(); var s = c.createStatement()) {
        s.execute("CREATE TABLE t (v int)");
        s.execute("INSERT INTO t VALUES (42)");
      }
      server.restart();
      try (Connection c = server.connect(); var s = c.createStatement();
          ResultSet rows = s.executeQuery("SELECT v FROM t")) {
        rows.next();
        assertEquals(42, rows.getInt(1));
      }
      server.stop();
      assertThrows(SQLException.class, server::connect);
    }
  }
}

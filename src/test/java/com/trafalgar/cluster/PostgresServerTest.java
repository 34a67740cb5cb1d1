package com.trafalgar.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.trafalgar.testing.PostgresServer;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * The test harness itself: a real server starts, keeps its data over a restart, stops, and leaves
 * no data behind once closed.
 */
class PostgresServerTest {

  @Test
  void startsRestartsAndStops() throws SQLException {
    PostgresServer.assumeAvailable();
    PostgresServer closed;
    try (PostgresServer server = PostgresServer.start(false)) {
      closed = server;
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
      assertTrue(Files.isDirectory(server.dataDirectory()), "stop keeps the data");
    }
    assertFalse(Files.exists(closed.dataDirectory()), "close deletes the data");
  }
}

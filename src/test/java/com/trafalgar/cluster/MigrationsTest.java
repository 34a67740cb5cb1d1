package com.trafalgar.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.trafalgar.testing.PostgresDataSources;
import com.trafalgar.testing.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The schema migrations on a real PostgreSQL: idempotent and safe with concurrent starts. */
class MigrationsTest {
  private DataSource dataSource;

  @BeforeEach
  void freshDatabase() {
    PostgresServer.assumeAvailable();
    PostgresServer server = PostgresServer.shared();
    server.resetDatabase();
    dataSource = PostgresDataSources.of(server);
  }

  @Test
  void migratingTwiceChangesNothingTheSecondTime() throws SQLException {
    assertEquals("2", Migrations.migrate(dataSource));
    assertEquals("2", Migrations.migrate(dataSource));
    assertEquals(Migrations.SCRIPTS.size(),
        count("SELECT count(*) FROM trafalgar_schema_history WHERE success"));
    assertEquals(3, count("SELECT count(*) FROM trafalgar_event_heads"));
  }

  @Test
  void instancesStartingAtOnceMigrateOnce() throws Exception {
    ExecutorService starts = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> versions = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        versions.add(starts.submit(() -> Migrations.migrate(dataSource)));
      }
      for (Future<String> version : versions) {
        assertEquals("2", version.get());
      }
    } finally {
      starts.shutdownNow();
    }
    assertEquals(Migrations.SCRIPTS.size(),
        count("SELECT count(*) FROM trafalgar_schema_history WHERE success"));
    assertEquals(0, count("SELECT count(*) FROM trafalgar_render_jobs"));
  }

  private long count(String sql) throws SQLException {
    try (Connection c = dataSource.getConnection(); var s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}

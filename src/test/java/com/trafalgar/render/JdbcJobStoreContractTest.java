package com.trafalgar.render;

import com.trafalgar.cluster.JdbcJobStore;
import com.trafalgar.cluster.Migrations;
import com.trafalgar.testing.PostgresDataSources;
import com.trafalgar.testing.PostgresServer;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;

/**
 * The {@link JobStore} contract over the clustered mode's database store, on a real PostgreSQL
 * server (docs/cluster.md); {@code cluster.JobStoreContractTest} adds the cases both stores share
 * beyond these.
 */
class JdbcJobStoreContractTest extends JobStoreContractTest {
  private DataSource dataSource;

  @BeforeEach
  void emptyDatabase() {
    PostgresServer.assumeAvailable();
    PostgresServer server = PostgresServer.shared();
    server.resetDatabase();
    dataSource = PostgresDataSources.of(server);
    Migrations.migrate(dataSource);
  }

  @Override
  JobStore store(Optional<Duration> retention) {
    return new JdbcJobStore(dataSource, retention, clock, "contract");
  }
}

package com.trafalgar.cluster;

import com.trafalgar.testing.PostgresDataSources;
import com.trafalgar.testing.PostgresServer;
import javax.sql.DataSource;

/** The shared test PostgreSQL with an empty, migrated database (skips where there is none). */
final class ClusterDatabases {
  private ClusterDatabases() {}

  static DataSource fresh() {
    PostgresServer.assumeAvailable();
    PostgresServer server = PostgresServer.shared();
    server.resetDatabase();
    DataSource dataSource = PostgresDataSources.of(server);
    Migrations.migrate(dataSource);
    return dataSource;
  }
}

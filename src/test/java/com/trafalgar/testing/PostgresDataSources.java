package com.trafalgar.testing;

import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** DataSources over a test {@link PostgresServer}, standing in for the container's pool. */
public final class PostgresDataSources {
  private PostgresDataSources() {}

  /** A non-pooling DataSource of the server's test database (a connection per call). */
  public static DataSource of(PostgresServer server) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(server.jdbcUrl());
    dataSource.setUser(PostgresServer.USER);
    // a request must never hang past its timeout when the database is away (issue 14)
    dataSource.setConnectTimeout(5);
    dataSource.setSocketTimeout(30);
    return dataSource;
  }
}

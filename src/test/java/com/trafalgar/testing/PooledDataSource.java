package com.trafalgar.testing;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A minimal connection pool over a DataSource, standing in for the container's pool where a test
 * measures throughput (a new physical connection per transaction would measure connecting).
 * Connections are kept open and handed out again on {@code close()}; a broken one is dropped.
 */
public final class PooledDataSource implements DataSource {
  private final DataSource physical;
  private final LinkedBlockingDeque<Connection> idle = new LinkedBlockingDeque<>();

  public PooledDataSource(DataSource physical) {
    this.physical = physical;
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection raw = idle.pollFirst();
    if (raw == null || raw.isClosed()) {
      raw = physical.getConnection();
    }
    Connection held = raw;
    // a second close() (Flyway closes some connections twice) must not pool the connection twice,
    // or two users would share it
    AtomicBoolean returned = new AtomicBoolean();
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
          if (method.getName().equals("close")) {
            if (returned.compareAndSet(false, true) && !held.isClosed()) {
              held.setAutoCommit(true);
              idle.addFirst(held);
            }
            return null;
          }
          if (method.getName().equals("isClosed") && returned.get()) {
            return true;
          }
          try {
            return method.invoke(held, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
  }

  @Override
  public void setLoginTimeout(int seconds) {
  }

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }
}

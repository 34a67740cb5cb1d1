package com.trafalgar.cluster;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A DataSource over another that counts its checkouts ({@code getConnection} calls) or the
 * statements prepared on its connections.
 */
final class CountingDataSource {
  private CountingDataSource() {
  }

  static DataSource over(DataSource target, AtomicInteger checkouts) {
    return (DataSource) Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(),
        new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
          if (method.getName().equals("getConnection")) {
            checkouts.incrementAndGet();
          }
          return call(target, method, args);
        });
  }

  /**
   * Counts {@code prepareStatement} calls on the connections it hands out; {@code unwrap} still
   * reaches the driver's connection (its notification API).
   */
  static DataSource countingPrepared(DataSource target, AtomicInteger prepared) {
    return (DataSource) Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(),
        new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
          Object result = call(target, method, args);
          if (!(result instanceof Connection connection)) {
            return result;
          }
          return Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(),
              new Class<?>[] {Connection.class}, (c, m, a) -> {
                if (m.getName().equals("prepareStatement")) {
                  prepared.incrementAndGet();
                }
                return call(connection, m, a);
              });
        });
  }

  private static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}

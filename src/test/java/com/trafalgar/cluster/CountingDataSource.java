package com.trafalgar.cluster;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/** A DataSource over another that counts its checkouts ({@code getConnection} calls). */
final class CountingDataSource {
  private CountingDataSource() {
  }

  static DataSource over(DataSource target, AtomicInteger checkouts) {
    return (DataSource) Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(),
        new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
          if (method.getName().equals("getConnection")) {
            checkouts.incrementAndGet();
          }
          try {
            return method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}

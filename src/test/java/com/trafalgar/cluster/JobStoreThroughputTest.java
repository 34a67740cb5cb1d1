package com.trafalgar.cluster;

import com.trafalgar.render.FileJobStore;
import com.trafalgar.render.JobChange;
import com.trafalgar.render.JobStore;
import com.trafalgar.render.RenderJob;
import com.trafalgar.testing.PooledDataSource;
import com.trafalgar.testing.PostgresDataSources;
import com.trafalgar.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A store-level measurement, not a test (docs/cluster.md, <i>Performance</i>): 50 clients append
 * one new job each and wait for it to be durable, over 10,000 retained jobs, on the JDBC store
 * (PostgreSQL with fsync on, pooled connections) and on the file store; prints throughput and
 * latency percentiles. Opt-in: {@code mvn -o test -Dtest=JobStoreThroughputTest
 * -Dtrafalgar.store.throughput=true}. The HTTP benchmark belongs in {@code -Pbench}.
 */
@EnabledIfSystemProperty(named = "trafalgar.store.throughput", matches = "true")
class JobStoreThroughputTest {
  static final int CLIENTS = 50;
  static final int PER_CLIENT = 200;
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void measure() throws Exception {
    PostgresServer.assumeAvailable();
    try (PostgresServer server = PostgresServer.start(true)) {
      PooledDataSource pool = new PooledDataSource(PostgresDataSources.of(server));
      Migrations.migrate(pool);
      run("jdbc", new JdbcJobStore(pool, Optional.empty(), Clock.systemUTC(), "bench"));
    }
    Path dir = Files.createTempDirectory(Path.of("target"), "throughput");
    run("file", new FileJobStore(dir.resolve("jobs.json"), Optional.empty(), Clock.systemUTC()));
  }

  private static void run(String name, JobStore store) throws Exception {
    List<RenderJob> history = new ArrayList<>();
    store.load();
    store.open(List.of(), new JobStore.History() {
      @Override
      public List<RenderJob> capture() {
        synchronized (history) {
          return List.copyOf(history);
        }
      }

      @Override
      public Collection<RenderJob> view() {
        return capture();
      }

      @Override
      public int size() {
        return capture().size();
      }
    });
    List<JobChange> retained = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      RenderJob job = JobStoreContractTest.job("seed" + i, T0.plusMillis(i));
      retained.add(JobChange.put(job));
      synchronized (history) {
        history.add(job);
      }
    }
    store.append(retained, null).get();
    long[] latencies = new long[CLIENTS * PER_CLIENT];
    AtomicInteger done = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    long start = System.nanoTime();
    List<Future<?>> all = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      int client = c;
      all.add(clients.submit(() -> {
        for (int i = 0; i < PER_CLIENT; i++) {
          RenderJob job = JobStoreContractTest.job("c" + client + "-" + i, T0.plusSeconds(100));
          long sent = System.nanoTime();
          synchronized (history) {
            history.add(job);
          }
          store.append(List.of(JobChange.put(job)), null).get();
          latencies[done.getAndIncrement()] = System.nanoTime() - sent;
        }
        return null;
      }));
    }
    for (Future<?> f : all) {
      f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    clients.shutdown();
    store.close();
    Arrays.sort(latencies);
    System.out.printf("%s store: %d appends in %.2f s = %.0f/s; latency p50 %.1f, p90 %.1f, "
        + "p99 %.1f, max %.1f ms%n", name, latencies.length, seconds, latencies.length / seconds,
        millis(latencies, 0.50), millis(latencies, 0.90), millis(latencies, 0.99),
        latencies[latencies.length - 1] / 1e6);
  }

  private static double millis(long[] sorted, double quantile) {
    return sorted[(int) (sorted.length * quantile)] / 1e6;
  }
}

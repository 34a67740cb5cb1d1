package com.trafalgar.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.trafalgar.render.JobChange;
import com.trafalgar.render.JobStore;
import com.trafalgar.render.RenderJob;
import com.trafalgar.testing.Eventually;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two JDBC stores on one database: each history receives the other instance's changes. */
class JobChangeFeedTest {
  private DataSource dataSource;
  private final List<JobStore> stores = new ArrayList<>();

  /** A history that records what other instances changed. */
  static final class Remote implements JobStore.History {
    final List<String> applied = new CopyOnWriteArrayList<>();

    @Override
    public List<RenderJob> capture() {
      return List.of();
    }

    @Override
    public Collection<RenderJob> view() {
      return List.of();
    }

    @Override
    public int size() {
      return 0;
    }

    @Override
    public void applyRemote(JobChange change) {
      applied.add(change instanceof JobChange.Put put ? "put " + put.job().jobId() + " "
          + put.job().status() : "remove " + ((JobChange.Remove) change).jobId());
    }
  }

  @BeforeEach
  void freshDatabase() {
    dataSource = ClusterDatabases.fresh();
  }

  @AfterEach
  void close() {
    stores.forEach(JobStore::close);
  }

  private JobStore open(String origin, Remote history) {
    JobStore store = new JdbcJobStore(dataSource, Optional.empty(), Clock.systemUTC(), origin);
    stores.add(store);
    store.load();
    store.open(List.of(), history);
    return store;
  }

  @Test
  void eachInstanceSeesTheOthersChangesInOrderAndNotItsOwn() throws Exception {
    Remote onA = new Remote();
    Remote onB = new Remote();
    JobStore a = open("a", onA);
    JobStore b = open("b", onB);
    RenderJob j1 = JobStoreContractTest.job("j1", JobStoreContractTest.T0);
    a.append(List.of(JobChange.put(j1)), null).get(10, TimeUnit.SECONDS);
    waitFor(() -> onB.applied.size() == 1);
    b.append(List.of(JobChange.remove("j1"), JobChange.put(
        JobStoreContractTest.job("j2", JobStoreContractTest.T0))), null).get(10, TimeUnit.SECONDS);
    waitFor(() -> onA.applied.size() == 2);
    assertEquals(List.of("put j1 submitted"), onB.applied);
    assertEquals(List.of("remove j1", "put j2 submitted"), onA.applied);
  }

  @Test
  void aLaterInstanceLoadsWhatWasStoredAndFollowsFromThere() throws Exception {
    Remote onA = new Remote();
    JobStore a = open("a", onA);
    a.append(List.of(JobChange.put(JobStoreContractTest.job("j1", JobStoreContractTest.T0))),
        null).get(10, TimeUnit.SECONDS);
    JobStore c = new JdbcJobStore(dataSource, Optional.empty(), Clock.systemUTC(), "c");
    stores.add(c);
    assertEquals(1, c.load().size());
    Remote onC = new Remote();
    c.open(List.of(), onC);
    a.append(List.of(JobChange.put(JobStoreContractTest.job("j2", JobStoreContractTest.T0))),
        null).get(10, TimeUnit.SECONDS);
    waitFor(() -> !onC.applied.isEmpty());
    Thread.sleep(300);
    assertEquals(List.of("put j2 submitted"), onC.applied, "j1 came with the load, not again");
    assertTrue(onA.applied.isEmpty());
  }

  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    Eventually.waitFor(Duration.ofSeconds(10), condition);
  }
}

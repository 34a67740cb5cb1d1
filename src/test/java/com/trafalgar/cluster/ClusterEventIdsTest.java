package com.trafalgar.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.trafalgar.events.EventDomain;
import com.trafalgar.events.Frame;
import com.trafalgar.events.StreamHub;
import com.trafalgar.events.StreamPosition;
import com.trafalgar.events.StreamSubscriber;
import com.trafalgar.json.Json;
import com.trafalgar.render.JobChange;
import com.trafalgar.render.JobStore;
import com.trafalgar.render.RenderJob;
import com.trafalgar.testing.Eventually;
import com.trafalgar.testing.SseText;
import java.time.Clock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cluster-wide event ids on a real PostgreSQL: two "instances" (each its shared event log, render
 * domain and JDBC job store) deliver the same events with the same ids in the same order, and a
 * stream that reconnects to the other instance with {@code Last-Event-ID} is replayed from the
 * table with nothing missing and nothing twice.
 */
class ClusterEventIdsTest {
  private DataSource dataSource;
  private final List<AutoCloseable> closing = new ArrayList<>();

  /** One instance's render side. */
  private final class Instance {
    final ClusterEventLog log;
    final EventDomain render = new EventDomain("render", 16, 1, "jobs.snapshot", "jobs");
    final JobStore store;
    final JobChangeFeedTest.Remote history = new JobChangeFeedTest.Remote();
    final List<String> delivered = new CopyOnWriteArrayList<>();
    final List<Runnable> writerTasks = new CopyOnWriteArrayList<>();
    final StreamHub hub;

    Instance(String origin) throws Exception {
      this(origin, null);
    }

    Instance(String origin, JobStore.History own) throws Exception {
      log = new ClusterEventLog(dataSource, origin);
      render.share(log, log.head("render"), false);
      render.atomically(() -> render.subscribe(event -> delivered.add(event.id() + " "
          + event.name() + " " + event.payload().path("job").path("job_id").asText())));
      store = new JdbcJobStore(dataSource, Optional.empty(), Clock.systemUTC(), origin, render);
      store.load();
      store.open(List.of(), own != null ? own : history);
      closing.add(store::close);
      hub = new StreamHub(render, true, writerTasks::add, System::currentTimeMillis, 64, 30_000,
          10_000);
      hub.start();
    }

    void append(JobChange change) throws Exception {
      render.atomically(() -> store.append(List.of(change), null)).get(10, TimeUnit.SECONDS);
    }

    Recording open(StreamPosition position) {
      Recording subscriber = new Recording(hub);
      hub.openSse(subscriber, position);
      return subscriber;
    }

    List<Long> written(Recording subscriber) {
      while (!writerTasks.isEmpty()) {
        writerTasks.remove(0).run();
      }
      return subscriber.written.stream().map(Frame::id).toList();
    }
  }

  /** A transport that writes into a list. */
  static final class Recording extends StreamSubscriber {
    final List<Frame> written = new ArrayList<>();

    Recording(StreamHub hub) {
      super(hub);
    }

    @Override
    protected void drain() {
      for (Frame frame = queue.poll(); frame != null; frame = queue.poll()) {
        written.add(frame);
      }
      queue.writeCompleted(hub.now());
    }

    @Override
    protected void keepalive(long now) {}

    @Override
    protected void closeTransport(CloseCause cause) {}
  }

  /** A history that keeps each job's message, as memory would. */
  static final class Memory implements JobStore.History {
    final Map<String, String> messages = new ConcurrentHashMap<>();

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
      return messages.size();
    }

    @Override
    public void applyRemote(JobChange change) {
      RenderJob job = ((JobChange.Put) change).job();
      messages.put(job.jobId(), job.message());
    }
  }

  @BeforeEach
  void freshDatabase() {
    dataSource = ClusterDatabases.fresh();
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  private static RenderJob job(String id) {
    return JobStoreContractTest.job(id, JobStoreContractTest.T0);
  }

  @Test
  void bothInstancesDeliverEveryEventWithTheSameIdInTheSameOrder() throws Exception {
    Instance a = new Instance("a");
    Instance b = new Instance("b");
    // each change waits until both delivered the one before: a change of a job another
    // instance has not yet delivered back supersedes it there (JobChangeFeed), which is right
    // but would make the histories' lists below depend on timing
    a.append(JobChange.created(job("j1")));
    waitFor(() -> a.delivered.size() == 1 && b.delivered.size() == 1);
    b.append(JobChange.created(job("j2")));
    waitFor(() -> a.delivered.size() == 2 && b.delivered.size() == 2);
    a.append(JobChange.put(job("j2")));
    waitFor(() -> a.delivered.size() == 3 && b.delivered.size() == 3);
    b.append(JobChange.remove("j1"));
    waitFor(() -> a.delivered.size() == 4 && b.delivered.size() == 4);
    assertEquals(a.delivered, b.delivered);
    long first = Long.parseLong(a.delivered.get(0).split(" ")[0]);
    assertEquals(List.of(first + " job.created j1", (first + 1) + " job.created j2",
        (first + 2) + " job.updated j2", (first + 3) + " job.removed j1"), a.delivered);
    assertEquals(first + 3, a.render.lastEventId());
    assertEquals(a.render.lastEventId(), b.render.lastEventId());
    // each history took in the other's changes only
    assertEquals(List.of("put j2 submitted", "remove j1"), a.history.applied);
    assertEquals(List.of("put j1 submitted", "put j2 submitted"), b.history.applied);
  }

  @Test
  void aClientReconnectingToTheOtherInstanceMissesNothingAndSeesNothingTwice() throws Exception {
    Instance a = new Instance("a");
    Instance b = new Instance("b");
    for (int i = 0; i < 5; i++) {
      a.append(JobChange.created(job("j" + i)));
    }
    waitFor(() -> a.delivered.size() == 5 && b.delivered.size() == 5);
    Recording onA = a.open(StreamPosition.ABSENT);
    a.append(JobChange.created(job("k1")));
    a.append(JobChange.created(job("k2")));
    waitFor(() -> a.written(onA).size() == 3);
    List<Long> seenOnA = a.written(onA);
    long lastSeen = seenOnA.get(1); // the client read k1 only, then lost A
    onA.close(StreamSubscriber.CloseCause.CLIENT_GONE);
    b.append(JobChange.created(job("k3")));
    waitFor(() -> b.delivered.size() == 8);
    // a fresh instance C has an empty ring: the replay comes from the table
    Instance c = new Instance("c");
    Recording onC = c.open(new StreamPosition(StreamPosition.Kind.AT, lastSeen));
    assertEquals(List.of(lastSeen + 1, lastSeen + 2), c.written(onC));
    Recording onB = b.open(new StreamPosition(StreamPosition.Kind.AT, lastSeen));
    assertEquals(List.of(lastSeen + 1, lastSeen + 2), b.written(onB));
    a.append(JobChange.created(job("k4")));
    waitFor(() -> c.written(onC).size() == 3 && b.written(onB).size() == 3);
    assertEquals(List.of(lastSeen + 1, lastSeen + 2, lastSeen + 3), c.written(onC));
    assertEquals(c.written(onC), b.written(onB));
  }

  @Test
  void aPositionOutsideTheReplayWindowOrAheadOfTheLogResyncs() throws Exception {
    Instance a = new Instance("a");
    long start = a.render.lastEventId();
    for (int i = 0; i < 20; i++) { // the window is 16 events
      a.append(JobChange.created(job("j" + i)));
    }
    waitFor(() -> a.delivered.size() == 20);
    Instance b = new Instance("b");
    assertTrue(b.log.after("render", start + 4, 16).isPresent());
    assertFalse(b.log.after("render", start + 3, 16).isPresent(), "older than the window");
    assertFalse(b.log.after("render", start + 21, 16).isPresent(), "ahead of the head");
    assertEquals(List.of(), b.log.after("render", start + 20, 16).orElseThrow());
    Recording resynced = b.open(new StreamPosition(StreamPosition.Kind.AT, start + 1));
    List<Frame> frames = new ArrayList<>();
    b.written(resynced);
    frames.addAll(resynced.written);
    assertEquals(Frame.RESYNC, frames.get(0));
    assertEquals(start + 20, frames.get(1).id(), "a snapshot at L");
  }

  @Test
  void aFreshStreamStartsWithASnapshotAtTheSharedId() throws Exception {
    Instance a = new Instance("a");
    Instance b = new Instance("b");
    a.append(JobChange.created(job("j1")));
    waitFor(() -> b.delivered.size() == 1);
    Recording onB = b.open(StreamPosition.ABSENT);
    List<Long> ids = b.written(onB);
    assertEquals(List.of(b.render.lastEventId()), ids, "the snapshot carries L");
    String snapshot = SseText.data(onB.written.get(0).sse());
    assertTrue(Json.mapper().readTree(snapshot).path("jobs").isArray());
  }

  @Test
  void concurrentChangesOfOneJobEndTheSameOnEveryInstance() throws Exception {
    Memory memoryA = new Memory();
    Memory memoryB = new Memory();
    Instance a = new Instance("a", memoryA);
    Instance b = new Instance("b", memoryB);
    int rounds = 60;
    List<Thread> writers = new ArrayList<>();
    for (Object[] side : new Object[][] {{a, memoryA, "a-"}, {b, memoryB, "b-"}}) {
      Instance instance = (Instance) side[0];
      Memory memory = (Memory) side[1];
      Thread writer = new Thread(() -> {
        for (int i = 0; i < rounds; i++) {
          RenderJob job = RenderJob.created("j1", "mock", "mock", "running", side[2] + "" + i,
              job("j1").request(), JobStoreContractTest.T0, 1);
          // as the render service does: memory first, then the store, under the domain lock
          instance.render.atomically(() -> {
            memory.messages.put("j1", job.message());
            instance.store.append(List.of(JobChange.put(job)), null);
          });
        }
      });
      writers.add(writer);
      writer.start();
    }
    for (Thread writer : writers) {
      writer.join();
    }
    waitFor(() -> a.delivered.size() == 2 * rounds && b.delivered.size() == 2 * rounds);
    Thread.sleep(200);
    String last;
    try (Connection c = dataSource.getConnection();
        ResultSet rows = c.createStatement().executeQuery("SELECT payload FROM "
            + "trafalgar_events WHERE domain = 'render' ORDER BY id DESC LIMIT 1")) {
      assertTrue(rows.next());
      last = Json.mapper().readTree(rows.getString(1)).path("job").path("message").asText();
    }
    assertEquals(last, memoryA.messages.get("j1"), "A ends at the log's last change");
    assertEquals(last, memoryB.messages.get("j1"), "B ends at the log's last change");
  }

  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    Eventually.waitFor(Duration.ofSeconds(10), condition);
  }
}

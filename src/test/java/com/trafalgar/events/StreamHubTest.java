package com.trafalgar.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The stream side of a domain without a server: opening rules (snapshot, replay, resync: API.md
 * 8.3–8.5, 15), fan-out off the publishing thread, trimming, write deadlines, keepalives and
 * shutdown (8.6, 8.7). Time is a plain counter and the writer pool runs only when the test says.
 */
class StreamHubTest {
  private static final long START = 1_716_200_000_000L;
  private static final long KEEPALIVE = 30_000;
  private static final long WRITE_TIMEOUT = 10_000;

  private final AtomicLong now = new AtomicLong(5_000);
  private final List<Runnable> writerTasks = new ArrayList<>();
  private final EventDomain render =
      new EventDomain("render", 8, START, "jobs.snapshot", "jobs");

  private StreamHub hub(EventDomain domain, boolean snapshotOnConnect, int buffer) {
    StreamHub hub = new StreamHub(domain, snapshotOnConnect, writerTasks::add, now::get, buffer,
        KEEPALIVE, WRITE_TIMEOUT);
    hub.start();
    return hub;
  }

  /** Runs the writer pool's pending work, as its threads would. */
  private void runWriters() {
    while (!writerTasks.isEmpty()) {
      writerTasks.remove(0).run();
    }
  }

  /** A transport that writes into a list, or stalls (its write never completes) when told. */
  static final class RecordingSubscriber extends StreamSubscriber {
    final List<Frame> written = new ArrayList<>();
    boolean stalled;
    CloseCause closedWith;

    RecordingSubscriber(StreamHub hub) {
      super(hub);
    }

    @Override
    protected void drain() {
      if (stalled) {
        queue.writeStarted(hub.now());
        return;
      }
      for (Frame frame = queue.poll(); frame != null; frame = queue.poll()) {
        written.add(frame);
      }
      queue.writeCompleted(hub.now());
    }

    @Override
    protected void keepalive(long at) {
      if (queue.offerKeepalive(at, hub.keepaliveMillis())) {
        hub.schedule(this);
      }
    }

    @Override
    protected void closeTransport(CloseCause cause) {
      closedWith = cause;
    }

    List<Long> ids() {
      return written.stream().map(Frame::id).toList();
    }
  }

  private long publish(EventDomain domain, String event, String id) {
    ObjectNode job = Json.object().put("job_id", id);
    return domain.publish(event, EventDomain.payload("job", job)).id();
  }

  private void snapshotOf(String... jobIds) {
    render.snapshotSource(new SnapshotSource() {
      @Override
      public void refresh() {
        // like the render service: refreshing jobs publishes their changes
        publish(render, "job.updated", "refreshed");
      }

      @Override
      public ArrayNode items() {
        ArrayNode jobs = Json.mapper().createArrayNode();
        for (String id : jobIds) {
          jobs.addObject().put("job_id", id);
        }
        return jobs;
      }
    });
  }

  private static JsonNode json(Frame frame) throws Exception {
    return Json.mapper().readTree(frame.text());
  }

  @Test
  void freshRenderConnectionGetsTheSnapshotAtLThenEveryLaterEventOnce() throws Exception {
    StreamHub hub = hub(render, true, 64);
    snapshotOf("b", "a");
    publish(render, "job.created", "before");
    RecordingSubscriber client = new RecordingSubscriber(hub);
    hub.openSse(client, StreamPosition.ABSENT);
    long l = render.lastEventId();
    long later1 = publish(render, "job.created", "c");
    long later2 = publish(render, "job.updated", "c");
    runWriters();

    Frame snapshot = client.written.get(0);
    assertEquals(l, snapshot.id(), "snapshot carries L, the refresh's own event included");
    assertEquals("id: " + l + "\nevent: jobs.snapshot\ndata: "
        + "{\"event\":\"jobs.snapshot\",\"jobs\":[{\"job_id\":\"b\"},{\"job_id\":\"a\"}]}\n\n",
        new String(snapshot.sse(), java.nio.charset.StandardCharsets.UTF_8));
    assertEquals("", snapshot.text(), "an SSE snapshot is held once, without WebSocket text");
    assertEquals(List.of(l, later1, later2), client.ids(), "no gap, no duplicate");
  }

  @Test
  void freshIngestConnectionGetsNothingUntilAnEvent() {
    EventDomain ingest = new EventDomain("ingest", 8, START, "runs.snapshot", "runs");
    StreamHub hub = hub(ingest, false, 64);
    RecordingSubscriber client = new RecordingSubscriber(hub);
    hub.openSse(client, StreamPosition.ABSENT);
    runWriters();
    assertEquals(List.of(), client.written);
    long id = ingest.publish("run.created", EventDomain.payload("run", Json.object())).id();
    runWriters();
    assertEquals(List.of(id), client.ids());
  }

  @Test
  void aKnownPositionReplaysTheMissedEventsThenLiveOnesWithoutSnapshot() {
    StreamHub hub = hub(render, true, 2);
    snapshotOf("x");
    long seen = publish(render, "job.created", "a");
    List<Long> missed = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      missed.add(publish(render, "job.updated", "a"));
    }
    RecordingSubscriber client = new RecordingSubscriber(hub);
    hub.openSse(client, new StreamPosition(StreamPosition.Kind.AT, seen));
    long live = publish(render, "job.updated", "a");
    runWriters();
    List<Long> expected = new ArrayList<>(missed);
    expected.add(live);
    // five replayed events with a live queue of two: the replay is never trimmed
    assertEquals(expected, client.ids());
    assertEquals(0, render.counters().trimmedTotal());
  }

  @Test
  void anUnusablePositionGetsResyncThenAFreshSnapshot() {
    StreamHub hub = hub(render, true, 64);
    snapshotOf("x");
    for (int i = 0; i < 12; i++) {
      publish(render, "job.updated", "a");
    }
    for (StreamPosition position : List.of(StreamPosition.INVALID,
        new StreamPosition(StreamPosition.Kind.AT, START * 1000 + 1),
        new StreamPosition(StreamPosition.Kind.AT, render.lastEventId() + 1000))) {
      RecordingSubscriber client = new RecordingSubscriber(hub);
      hub.openSse(client, position);
      long l = render.lastEventId();
      runWriters();
      assertSame(Frame.RESYNC, client.written.get(0));
      assertEquals("event: resync\ndata: {\"event\":\"resync\"}\n\n",
          new String(client.written.get(0).sse(), java.nio.charset.StandardCharsets.UTF_8));
      assertEquals(l, client.written.get(1).id());
      assertEquals(2, client.written.size());
    }
  }

  @Test
  void websocketRenderSessionsStartWithTheConnectedFrame() throws Exception {
    StreamHub hub = hub(render, true, 64);
    snapshotOf("j1");
    RecordingSubscriber session = new RecordingSubscriber(hub);
    hub.openSocket(session);
    long event = publish(render, "job.created", "j2");
    runWriters();
    JsonNode connected = json(session.written.get(0));
    assertEquals("connected", connected.get("type").asText());
    assertEquals("jobs.snapshot", connected.get("snapshot").get("event").asText());
    assertEquals("j1", connected.get("snapshot").get("jobs").get(0).get("job_id").asText());
    assertEquals(event, session.written.get(1).id());
    assertNull(json(session.written.get(1)).get("type"));
  }

  @Test
  void publishingOnlyEnqueuesAndOneDrainServesABurst() {
    StreamHub hub = hub(render, true, 64);
    RecordingSubscriber client = new RecordingSubscriber(hub);
    hub.openSse(client, StreamPosition.ABSENT);
    runWriters();
    for (int i = 0; i < 5; i++) {
      publish(render, "job.updated", "a");
    }
    assertEquals(1, client.written.size(), "only the snapshot: writes wait for the pool");
    assertEquals(1, writerTasks.size(), "the burst asked for a single drain");
    runWriters();
    assertEquals(6, client.written.size());
  }

  @Test
  void aSubscriberThatFallsBehindLosesItsOldestEventsAndTheyAreCounted() {
    StreamHub hub = hub(render, true, 3);
    RecordingSubscriber slow = new RecordingSubscriber(hub);
    hub.openSse(slow, StreamPosition.ABSENT);
    runWriters();
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ids.add(publish(render, "job.updated", "a"));
    }
    runWriters();
    assertEquals(ids.subList(4, 7), slow.ids().subList(1, 4), "the three newest survive");
    assertEquals(4, render.counters().trimmedTotal());
  }

  @Test
  void aWriteStalledPastTheTimeoutDisconnectsOnlyThatSubscriber() {
    StreamHub hub = hub(render, true, 64);
    RecordingSubscriber healthy = new RecordingSubscriber(hub);
    RecordingSubscriber stalled = new RecordingSubscriber(hub);
    hub.openSse(healthy, StreamPosition.ABSENT);
    hub.openSse(stalled, StreamPosition.ABSENT);
    stalled.stalled = true;
    publish(render, "job.created", "a");
    runWriters();
    assertEquals(2, render.counters().subscribers());

    now.addAndGet(WRITE_TIMEOUT - 1);
    hub.tick();
    assertNull(stalled.closedWith, "not yet overdue");

    now.addAndGet(1);
    hub.tick();
    assertEquals(StreamSubscriber.CloseCause.SLOW_CONSUMER, stalled.closedWith);
    assertNull(healthy.closedWith);
    EventCounters counters = render.counters();
    assertEquals(1, counters.disconnectedTotal());
    assertEquals(1, counters.subscribers());

    long next = publish(render, "job.updated", "a");
    runWriters();
    assertEquals(next, healthy.written.get(healthy.written.size() - 1).id());
    assertEquals(1, render.counters().disconnectedTotal());
  }

  @Test
  void anIdleStreamGetsAKeepaliveAfterTheInterval() {
    StreamHub hub = hub(render, true, 64);
    RecordingSubscriber client = new RecordingSubscriber(hub);
    hub.openSse(client, StreamPosition.ABSENT);
    runWriters();
    now.addAndGet(KEEPALIVE - 1);
    hub.tick();
    runWriters();
    assertEquals(1, client.written.size());
    now.addAndGet(1);
    hub.tick();
    runWriters();
    assertSame(Frame.KEEPALIVE, client.written.get(1));
    assertEquals("data: {}\n\n",
        new String(Frame.KEEPALIVE.sse(), java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void aClientThatLeavesIsUnsubscribedWithoutCountingAsDisconnected() {
    StreamHub hub = hub(render, true, 64);
    RecordingSubscriber client = new RecordingSubscriber(hub);
    hub.openSse(client, StreamPosition.ABSENT);
    assertEquals(1, render.counters().subscribers());
    client.close(StreamSubscriber.CloseCause.CLIENT_GONE);
    client.close(StreamSubscriber.CloseCause.CLIENT_GONE);
    assertEquals(0, render.counters().subscribers());
    assertEquals(0, render.counters().disconnectedTotal());
  }

  @Test
  void stopClosesEverySubscriberAndStopsListening() {
    StreamHub hub = hub(render, true, 64);
    RecordingSubscriber client = new RecordingSubscriber(hub);
    hub.openSse(client, StreamPosition.ABSENT);
    runWriters();
    hub.stop();
    assertEquals(StreamSubscriber.CloseCause.SHUTDOWN, client.closedWith);
    assertEquals(0, render.counters().subscribers());
    publish(render, "job.created", "after");
    assertTrue(writerTasks.isEmpty());
    assertEquals(1, client.written.size());
  }
}

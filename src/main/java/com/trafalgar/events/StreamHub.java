package com.trafalgar.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The stream side of one {@link EventDomain}: a single domain listener that encodes each event
 * once ({@link Frame}) and fans it out to the subscribers' bounded queues, the opening rules of a
 * connection (snapshot, replay, resync: API.md 8.3–8.5) and the periodic tick that sends
 * keepalives and disconnects subscribers whose writes are overdue (8.6, 8.7).
 */
public final class StreamHub {
  private static final Logger LOG = Logger.getLogger(StreamHub.class.getName());

  private final EventDomain domain;
  private final boolean snapshotOnConnect;
  private final Executor writers;
  private final LongSupplier clock;
  private final int subscriberBuffer;
  private final long keepaliveMillis;
  private final long writeTimeoutMillis;
  private final Set<StreamSubscriber> subscribers = ConcurrentHashMap.newKeySet();
  private final EventListener listener = this::fanOut;

  /**
   * @param domain the domain streamed
   * @param snapshotOnConnect whether a fresh connection starts with a snapshot (render) or with
   *     nothing (ingest, 8.4)
   * @param writers runs drains and blocking transport calls, off the publishing thread
   * @param clock milliseconds
   * @param subscriberBuffer live events queued per subscriber
   * @param keepaliveMillis SSE keepalive and WebSocket ping interval
   * @param writeTimeoutMillis slow-consumer write deadline
   */
  public StreamHub(EventDomain domain, boolean snapshotOnConnect, Executor writers,
      LongSupplier clock, int subscriberBuffer, long keepaliveMillis, long writeTimeoutMillis) {
    this.domain = domain;
    this.snapshotOnConnect = snapshotOnConnect;
    this.writers = writers;
    this.clock = clock;
    this.subscriberBuffer = subscriberBuffer;
    this.keepaliveMillis = keepaliveMillis;
    this.writeTimeoutMillis = writeTimeoutMillis;
  }

  /** Starts listening to the domain. */
  public void start() {
    domain.subscribe(listener);
  }

  /** Stops listening and closes every subscriber for shutdown. */
  public void stop() {
    domain.unsubscribe(listener);
    for (StreamSubscriber subscriber : List.copyOf(subscribers)) {
      subscriber.close(StreamSubscriber.CloseCause.SHUTDOWN);
    }
  }

  public EventDomain domain() {
    return domain;
  }

  public long now() {
    return clock.getAsLong();
  }

  public long keepaliveMillis() {
    return keepaliveMillis;
  }

  SubscriberQueue newQueue() {
    return new SubscriberQueue(subscriberBuffer, now());
  }

  /**
   * Opens an SSE subscriber at {@code position} (8.5): replays what it missed, or starts it fresh
   * (render: snapshot; ingest: nothing), or sends {@code resync} and a fresh snapshot.
   */
  public void openSse(StreamSubscriber subscriber, StreamPosition position) {
    if (position.kind() == StreamPosition.Kind.AT) {
      boolean replayed = domain.atomically(() -> {
        Optional<List<DomainEvent>> missed = domain.eventsAfter(position.id());
        if (missed.isEmpty()) {
          return false;
        }
        subscriber.queue().open(missed.get().stream().map(Frame::of).toList());
        add(subscriber);
        return true;
      });
      if (replayed || replayFromLog(subscriber, position.id())) {
        return;
      }
    }
    if (position.kind() == StreamPosition.Kind.ABSENT && !snapshotOnConnect) {
      domain.atomically(() -> add(subscriber));
      return;
    }
    boolean resync = position.kind() != StreamPosition.Kind.ABSENT;
    refreshSnapshotSource();
    Opening opening = openHeld(subscriber);
    List<Frame> frames = new ArrayList<>(2);
    if (resync) {
      frames.add(Frame.RESYNC);
    }
    frames.add(Frame.sseOnly(opening.lastEventId(), domain.snapshotEvent(),
        Json.compactUtf8(opening.snapshot().get())));
    release(subscriber, frames);
  }

  /**
   * Clustered mode, when this instance's ring cannot honour {@code x} (a client coming from
   * another instance, an instance that started after the client's last event, or one a few
   * events behind the client): replays from the shared log, then from the ring what this
   * instance delivered after the log was read. Live events the log replay already held are
   * skipped. The log is read outside the domain lock.
   *
   * @return false when the log cannot replay from {@code x} either (resync)
   */
  private boolean replayFromLog(StreamSubscriber subscriber, long x) {
    SharedEventLog log = domain.sharedLog();
    if (log == null) {
      return false;
    }
    List<DomainEvent> logged;
    try {
      Optional<List<DomainEvent>> after = log.after(domain.name(), x, domain.replayCapacity());
      if (after.isEmpty()) {
        return false;
      }
      logged = after.get();
    } catch (SharedEventLog.LogUnavailableException e) {
      LOG.log(Level.WARNING, "Could not replay " + domain.name() + " events from the cluster's "
          + "event log; the client resyncs", e);
      return false;
    }
    long through = logged.isEmpty() ? x : logged.get(logged.size() - 1).id();
    return domain.atomically(() -> {
      List<DomainEvent> missed = new ArrayList<>(logged);
      if (domain.lastEventId() > through) {
        Optional<List<DomainEvent>> delivered = domain.eventsAfter(through);
        if (delivered.isEmpty()) {
          return false;
        }
        missed.addAll(delivered.get());
      }
      subscriber.skipThrough(through);
      subscriber.queue().open(missed.stream().map(Frame::of).toList());
      add(subscriber);
      return true;
    });
  }

  /**
   * Opens a WebSocket subscriber (8.6): render sessions first get the {@code connected} frame
   * with a snapshot, ingest sessions get nothing until the next event.
   */
  public void openSocket(StreamSubscriber subscriber) {
    if (!snapshotOnConnect) {
      domain.atomically(() -> add(subscriber));
      return;
    }
    refreshSnapshotSource();
    Opening opening = openHeld(subscriber);
    ObjectNode connected = Json.object();
    connected.put("type", "connected");
    connected.set("snapshot", opening.snapshot().get());
    // WebSocket only: no SSE form
    release(subscriber, List.of(
        new Frame(opening.lastEventId(), new byte[0], Json.compact(connected))));
  }

  /** A snapshot captured at event id {@code lastEventId}, still to be built. */
  private record Opening(Supplier<ObjectNode> snapshot, long lastEventId) {}

  /**
   * Under the domain lock: captures the snapshot and L, and subscribes the subscriber with its
   * queue held, so events after L queue up behind the snapshot (no gap, no duplicate: 8.3, 15).
   * The snapshot is built and serialised after the lock is released: a large history must not
   * stall submissions and every other publisher while a client connects.
   */
  private Opening openHeld(StreamSubscriber subscriber) {
    return domain.atomically(() -> {
      Opening opening = new Opening(domain.captureSnapshot(), domain.lastEventId());
      subscriber.queue().hold();
      add(subscriber);
      return opening;
    });
  }

  /** Queues the opening frames ahead of the events that arrived meanwhile, and starts writing. */
  private void release(StreamSubscriber subscriber, List<Frame> frames) {
    subscriber.queue().open(frames);
    schedule(subscriber);
  }

  /** Sends due keepalives and disconnects subscribers whose write is overdue (8.6, 8.7). */
  public void tick() {
    long now = now();
    for (StreamSubscriber subscriber : subscribers) {
      if (subscriber.queue().overdue(now, writeTimeoutMillis)) {
        domain.recordDisconnected();
        subscriber.close(StreamSubscriber.CloseCause.SLOW_CONSUMER);
      } else {
        subscriber.keepalive(now);
      }
    }
  }

  /** Asks the writer pool to drain {@code subscriber} unless a drain is already pending. */
  void schedule(StreamSubscriber subscriber) {
    if (subscriber.requestDrain()) {
      execute(subscriber::runDrain);
    }
  }

  /** Runs a transport call on the writer pool (never on the publishing or tick thread). */
  public void execute(Runnable task) {
    try {
      writers.execute(task);
    } catch (RuntimeException rejected) {
      // the pool is shutting down; every subscriber is being closed anyway
      LOG.log(Level.FINE, "Stream writer pool refused a task", rejected);
    }
  }

  void remove(StreamSubscriber subscriber) {
    if (subscribers.remove(subscriber)) {
      domain.subscriberDisconnected();
    }
  }

  /** Called inside {@link EventDomain#atomically} so no event falls between opening and live. */
  private void add(StreamSubscriber subscriber) {
    subscribers.add(subscriber);
    domain.subscriberConnected();
    if (subscriber.isClosed()) {
      // the client left while the connection was opening
      remove(subscriber);
      return;
    }
    schedule(subscriber);
  }

  private void fanOut(DomainEvent event) {
    if (subscribers.isEmpty()) {
      return;
    }
    Frame frame = Frame.of(event);
    long dropped = 0;
    for (StreamSubscriber subscriber : subscribers) {
      dropped += subscriber.deliver(frame);
    }
    // once per event, not per subscriber: a burst can trim every queue of a thousand subscribers,
    // on the publishing thread, under the domain lock
    if (dropped > 0) {
      domain.recordTrimmed(dropped);
    }
  }

  private void refreshSnapshotSource() {
    try {
      domain.snapshotSource().refresh();
    } catch (RuntimeException e) {
      // a failed refresh still leaves the last known state to snapshot
      LOG.log(Level.WARNING, "Refreshing the " + domain.name() + " snapshot failed; "
          + "streaming the last known state", e);
    }
  }
}

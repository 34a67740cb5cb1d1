package com.trafalgar.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.json.Json;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One event domain (render or ingest, API.md 8): numbers events, keeps the replay ring buffer and
 * hands every event to its listeners in order. Features publish here and know nothing of SSE or
 * WebSocket; stream transports subscribe.
 *
 * <p>All publishing happens under one lock. A feature that changes state and publishes the change
 * wraps both in {@link #atomically}, and a stream takes its snapshot and subscribes inside the same
 * lock, so a snapshot and the live events after it never overlap nor leave a gap (8.3).
 *
 * <p>In clustered mode the domain is {@linkplain #share shared}: what this instance publishes goes
 * into the {@link SharedEventLog} instead of to the listeners, and every logged event (this
 * instance's and the others') comes back through {@link #deliver} with the log's id, in id order,
 * so every instance streams the same events with the same ids (docs/cluster.md).
 */
public final class EventDomain {
  private static final Logger LOG = Logger.getLogger(EventDomain.class.getName());

  private final String name;
  private final int replayCapacity;
  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<DomainEvent> replay;
  private final List<EventListener> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong publishedTotal = new AtomicLong();
  private final AtomicLong trimmedTotal = new AtomicLong();
  private final AtomicLong disconnectedTotal = new AtomicLong();
  private final AtomicInteger subscribers = new AtomicInteger();
  private final String snapshotEvent;
  private final String snapshotKey;
  private volatile SnapshotSource snapshotSource = SnapshotSource.EMPTY;
  private volatile DomainMetrics metrics = DomainMetrics.NONE;
  private long lastEventId;
  /** Set once in clustered mode, before any subscriber. */
  private volatile Sharing sharing;

  /**
   * @param log the shared log
   * @param logsWhatItPublishes whether {@link #publish} appends to the log itself (ingest); false
   *     when a store appends the events together with its rows (render)
   */
  private record Sharing(SharedEventLog log, boolean logsWhatItPublishes) {}

  /**
   * @param name {@code render} or {@code ingest}
   * @param replayCapacity events kept for replay ({@code TRAFALGAR_EVENT_REPLAY_BUFFER})
   * @param startMillis the start time S in epoch milliseconds; ids start after {@code S × 1000}
   * @param snapshotEvent e.g. {@code jobs.snapshot}
   * @param snapshotKey the payload key of the snapshot's items, e.g. {@code jobs}
   */
  public EventDomain(String name, int replayCapacity, long startMillis, String snapshotEvent,
      String snapshotKey) {
    this.name = name;
    this.snapshotEvent = snapshotEvent;
    this.snapshotKey = snapshotKey;
    this.replayCapacity = replayCapacity;
    this.replay = new ArrayDeque<>(Math.min(replayCapacity, 4096));
    this.lastEventId = Math.multiplyExact(startMillis, 1000L);
  }

  public String name() {
    return name;
  }

  /**
   * Publishes {@code payload} as event {@code event}. The payload is an object; its
   * {@code "event"} key is set to the event name. Never blocks on a subscriber.
   *
   * @return the event as delivered; {@code null} in shared mode, where the event is only logged
   *     (or left to the store that logs it) and is delivered with its id by {@link #deliver}
   */
  public DomainEvent publish(String event, ObjectNode payload) {
    return publish(event, () -> payload);
  }

  /**
   * Like {@link #publish(String, ObjectNode)}, building the payload only when this instance hands
   * it out or logs it: in shared mode a store that logs its own events (render) makes the
   * domain's copy needless, and it would be built under the lock on every change.
   */
  public DomainEvent publish(String event, Supplier<ObjectNode> payloadSource) {
    lock.lock();
    try {
      Sharing shared = sharing;
      if (shared != null && !shared.logsWhatItPublishes()) {
        return null;
      }
      ObjectNode payload = payloadSource.get();
      ObjectNode body = Json.object();
      body.put("event", event);
      payload.fields().forEachRemaining(field -> {
        if (!field.getKey().equals("event")) {
          body.set(field.getKey(), field.getValue());
        }
      });
      if (shared != null) {
        // queued in publish order (the caller holds this lock), logged in that order
        shared.log().append(name, event, Json.compact(body));
        return null;
      }
      DomainEvent published = new DomainEvent(++lastEventId, event, body, Json.compact(body));
      hand(published);
      return published;
    } finally {
      lock.unlock();
    }
  }

  /** Keeps {@code published} for replay and hands it to the listeners; under the lock. */
  private void hand(DomainEvent published) {
    if (replay.size() == replayCapacity) {
      replay.removeFirst();
    }
    replay.addLast(published);
    publishedTotal.incrementAndGet();
    metrics.published(name);
    for (EventListener listener : listeners) {
      try {
        listener.onEvent(published);
      } catch (RuntimeException e) {
        // one broken listener must not stop the event reaching the others
        LOG.log(Level.WARNING, "A " + name + " event listener failed", e);
      }
    }
  }

  /**
   * Switches to shared mode (clustered, docs/cluster.md) before any subscriber connects: ids come
   * from {@code log}, and {@code L} starts at {@code position}, the log's head.
   *
   * @param logsWhatItPublishes whether {@link #publish} appends to the log (ingest); false when a
   *     store appends the domain's events in the transactions of its rows (render)
   */
  public void share(SharedEventLog log, long position, boolean logsWhatItPublishes) {
    atomically(() -> {
      sharing = new Sharing(log, logsWhatItPublishes);
      lastEventId = position;
      replay.clear();
    });
  }

  /** The shared log in clustered mode; null otherwise. */
  public SharedEventLog sharedLog() {
    Sharing shared = sharing;
    return shared == null ? null : shared.log();
  }

  /**
   * Shared mode: moves {@code L} forward to {@code position} when a reader starts following the
   * log there (the render store, after loading the jobs as of that position). The replay ring is
   * emptied, because the events it skips were never delivered here; a client behind {@code
   * position} is replayed from the log.
   */
  public void startAt(long position) {
    atomically(() -> {
      if (position > lastEventId) {
        lastEventId = position;
        replay.clear();
      }
    });
  }

  /**
   * Shared mode: delivers a logged event with the log's id, after {@code apply} (the state change
   * it carries for this instance, if any) ran with the parsed payload under the same lock, so a
   * snapshot and its {@code L} are taken either before both or after both (API.md 8.3). Events at
   * or below {@code L} are ignored: already delivered, or part of what this instance loaded.
   *
   * @return whether the event was delivered
   */
  public boolean deliver(long id, String event, String data, Consumer<JsonNode> apply) {
    // parsed once, before the lock: the state change and the subscribers read the same tree
    JsonNode body = parse(data);
    lock.lock();
    try {
      if (id <= lastEventId) {
        return false;
      }
      try {
        apply.accept(body);
      } catch (RuntimeException e) {
        // the event still reaches the subscribers: they must not see a gap in the ids
        LOG.log(Level.WARNING, "Applying " + name + " event " + id + " failed", e);
      }
      lastEventId = id;
      hand(new DomainEvent(id, event, body, data));
      return true;
    } finally {
      lock.unlock();
    }
  }

  private static JsonNode parse(String data) {
    try {
      return Json.mapper().readTree(data);
    } catch (IOException e) {
      return Json.object().put("event", "unreadable");
    }
  }

  /**
   * Runs {@code action} under the domain's lock: no event is published by another thread while it
   * runs. Used to change state and publish together, and to take a snapshot and subscribe together.
   */
  public <T> T atomically(Supplier<T> action) {
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  /** Runs {@code action} under the domain's lock. */
  public void atomically(Runnable action) {
    lock.lock();
    try {
      action.run();
    } finally {
      lock.unlock();
    }
  }

  /** {@code L}: the id of the last published event, or {@code S × 1000} before the first. */
  public long lastEventId() {
    lock.lock();
    try {
      return lastEventId;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The events a client at position {@code x} missed (API.md 8.5): an empty list when
   * {@code x = L}, the buffered events after {@code x} when {@code O − 1 ≤ x < L}; empty Optional
   * when the position cannot be honoured (resync).
   */
  public Optional<List<DomainEvent>> eventsAfter(long x) {
    lock.lock();
    try {
      if (x == lastEventId) {
        return Optional.of(List.of());
      }
      if (replay.isEmpty() || x > lastEventId || x < replay.peekFirst().id() - 1) {
        return Optional.empty();
      }
      List<DomainEvent> missed = new ArrayList<>();
      for (DomainEvent event : replay) {
        if (event.id() > x) {
          missed.add(event);
        }
      }
      return Optional.of(missed);
    } finally {
      lock.unlock();
    }
  }

  /** Adds a listener; call inside {@link #atomically} together with a snapshot or replay. */
  public void subscribe(EventListener listener) {
    listeners.add(listener);
  }

  public void unsubscribe(EventListener listener) {
    listeners.remove(listener);
  }

  /** Records {@code count} events dropped from a slow subscriber's queue. */
  public void recordTrimmed(long count) {
    trimmedTotal.addAndGet(count);
    metrics.trimmed(name, count);
  }

  /** Records a subscriber disconnected for exceeding the write timeout. */
  public void recordDisconnected() {
    disconnectedTotal.incrementAndGet();
    metrics.disconnected(name);
  }

  /** Where the domain's counters are also exported (MicroProfile Metrics, API.md 1.5). */
  public void metrics(DomainMetrics exported) {
    this.metrics = exported;
  }

  /** A stream subscriber (SSE connection or WebSocket session) connected. */
  public void subscriberConnected() {
    subscribers.incrementAndGet();
  }

  /** A stream subscriber went away, whatever the reason. */
  public void subscriberDisconnected() {
    subscribers.decrementAndGet();
  }

  /** The counters of API.md 8.7. */
  public EventCounters counters() {
    // under the lock: a change published in several events (a registry diff) is counted whole
    return atomically(() -> new EventCounters(subscribers.get(), publishedTotal.get(),
        trimmedTotal.get(), disconnectedTotal.get(), lastEventId, replayCapacity));
  }

  /**
   * Registers where this domain's snapshots come from (the render service or the ingest
   * registry registers itself at startup), so stream transports need no compile-time
   * dependency on a feature.
   */
  public void snapshotSource(SnapshotSource source) {
    this.snapshotSource = source;
  }

  public SnapshotSource snapshotSource() {
    return snapshotSource;
  }

  /**
   * Captures the snapshot message payload ({@code {"event":"jobs.snapshot","jobs":[...]}}) of the
   * registered source's current items. Call inside {@link #atomically} together with reading
   * {@link #lastEventId()} and subscribing; call the returned supplier after leaving it, so that
   * building and serialising a large history never holds the lock submissions need.
   */
  public Supplier<ObjectNode> captureSnapshot() {
    Supplier<ArrayNode> items = snapshotSource.capture();
    return () -> {
      ObjectNode body = Json.object();
      body.put("event", snapshotEvent);
      body.set(snapshotKey, items.get());
      return body;
    };
  }

  /** The snapshot message payload built at once (tests, tools; streams use the capture). */
  public ObjectNode snapshotPayload() {
    Supplier<Supplier<ObjectNode>> capture = this::captureSnapshot;
    return atomically(capture).get();
  }

  public String snapshotEvent() {
    return snapshotEvent;
  }

  public int replayCapacity() {
    return replayCapacity;
  }

  /** Helper for payloads: {@code {"<key>": value}}. */
  public static ObjectNode payload(String key, JsonNode value) {
    ObjectNode node = Json.object();
    node.set(key, value);
    return node;
  }
}

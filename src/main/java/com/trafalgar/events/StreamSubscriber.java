package com.trafalgar.events;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One connected stream client (an SSE response or a WebSocket session) of a {@link StreamHub}.
 * The hub's publishing side only appends to the subscriber's {@link SubscriberQueue} and asks for
 * a drain; the transport writes from the hub's writer pool or from container callbacks, never on
 * the publishing thread (API.md 8.7).
 */
public abstract class StreamSubscriber {
  /** Why a subscriber is closed. */
  public enum CloseCause {
    /** The client went away or a write failed. */
    CLIENT_GONE,
    /** A write did not complete within {@code TRAFALGAR_EVENT_WRITE_TIMEOUT}. */
    SLOW_CONSUMER,
    /** A WebSocket ping was not answered before the next one was due. */
    PING_TIMEOUT,
    /** The application is shutting down. */
    SHUTDOWN
  }

  protected final StreamHub hub;
  protected final SubscriberQueue queue;
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  /**
   * Live events up to this id are not sent: a replay from the shared log already held them while
   * this instance had not yet delivered them (clustered mode); {@link Frame#NO_ID} otherwise.
   */
  private volatile long skipThrough = Frame.NO_ID;

  protected StreamSubscriber(StreamHub hub) {
    this.hub = hub;
    this.queue = hub.newQueue();
  }

  public SubscriberQueue queue() {
    return queue;
  }

  public boolean isClosed() {
    return closed.get();
  }

  /**
   * Writes what is pending without blocking on the client: stops as soon as the transport
   * cannot take more and marks the write as started ({@link SubscriberQueue#writeStarted}).
   */
  protected abstract void drain();

  /** Called on every hub tick: an SSE keepalive or a WebSocket ping when one is due. */
  protected abstract void keepalive(long now);

  /** Ends the transport (SSE response completed, WebSocket closed with a code for {@code cause}). */
  protected abstract void closeTransport(CloseCause cause);

  /** Closes this subscriber once: leaves the hub, then ends the transport. */
  public final void close(CloseCause cause) {
    if (closed.compareAndSet(false, true)) {
      hub.remove(this);
      closeTransport(cause);
    }
  }

  /** Set before the subscriber is added: see {@link #skipThrough}. */
  final void skipThrough(long id) {
    skipThrough = id;
  }

  /**
   * Called on the publishing thread: enqueue only, never write. Returns how many queued events the
   * full queue dropped, for the caller to count once per published event.
   */
  final int deliver(Frame frame) {
    if (frame.id() <= skipThrough) {
      return 0;
    }
    int dropped = queue.offer(frame);
    hub.schedule(this);
    return dropped;
  }

  /** Whether a drain was newly requested (false when one is already pending). */
  final boolean requestDrain() {
    return drainScheduled.compareAndSet(false, true);
  }

  /** Runs a requested drain; clears the request first so events arriving meanwhile re-request. */
  final void runDrain() {
    drainScheduled.set(false);
    if (!isClosed()) {
      drain();
    }
  }
}

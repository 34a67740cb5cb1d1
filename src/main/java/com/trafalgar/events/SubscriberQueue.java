package com.trafalgar.events;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The pending messages of one subscriber (API.md 8.7) and the bookkeeping the slow-consumer
 * policy needs. Live events go into a bounded queue that drops its oldest entry when full; the
 * opening messages of a connection (snapshot, replay, {@code resync}) go ahead of them and are
 * never dropped, so a replay longer than the queue still arrives whole. Thread-safe; times are
 * milliseconds from the caller's clock, so tests need no sleeps.
 */
public final class SubscriberQueue {
  private final int capacity;
  private final ArrayDeque<Frame> opening = new ArrayDeque<>();
  private final ArrayDeque<Frame> live;
  private long lastActivity;
  private long writeStartedAt = -1;
  private boolean held;

  /**
   * @param capacity live events kept ({@code TRAFALGAR_EVENT_SUBSCRIBER_BUFFER})
   * @param now creation time; idleness is measured from it until the first write
   */
  public SubscriberQueue(int capacity, long now) {
    this.capacity = capacity;
    this.live = new ArrayDeque<>(Math.min(capacity, 256));
    this.lastActivity = now;
  }

  /**
   * Holds everything back until {@link #open} supplies the opening messages: the subscriber is
   * live (events queue up) while its snapshot is still being serialised outside the domain lock.
   */
  public synchronized void hold() {
    held = true;
  }

  /** Puts the opening messages of the connection ahead of everything else, ending any hold. */
  public synchronized void open(List<Frame> frames) {
    opening.addAll(frames);
    held = false;
  }

  /**
   * Appends a live event; never blocks. When the queue is full its oldest live event is dropped.
   *
   * @return the number of events dropped (0 or 1)
   */
  public synchronized int offer(Frame frame) {
    int dropped = 0;
    if (live.size() >= capacity) {
      live.pollFirst();
      dropped = 1;
    }
    live.addLast(frame);
    return dropped;
  }

  /**
   * Queues a keepalive when nothing is pending or being written and nothing has been written for
   * {@code intervalMillis} (8.6).
   *
   * @return whether a keepalive was queued
   */
  public synchronized boolean offerKeepalive(long now, long intervalMillis) {
    if (held || !opening.isEmpty() || !live.isEmpty() || writeStartedAt >= 0
        || now - lastActivity < intervalMillis) {
      return false;
    }
    live.addLast(Frame.KEEPALIVE);
    return true;
  }

  /** The next message to write, or null when nothing is pending (or the queue is held). */
  public synchronized Frame poll() {
    if (held) {
      return null;
    }
    Frame next = opening.pollFirst();
    return next != null ? next : live.pollFirst();
  }

  public synchronized int size() {
    return opening.size() + live.size();
  }

  /**
   * A write was handed to the transport and has not completed yet (a WebSocket send in flight, or
   * an SSE stream the container reports as not ready). Only the first call counts until the write
   * completes, so the deadline runs from when the client first stopped keeping up.
   */
  public synchronized void writeStarted(long now) {
    if (writeStartedAt < 0) {
      writeStartedAt = now;
    }
  }

  /** The transport accepted everything handed to it. */
  public synchronized void writeCompleted(long now) {
    writeStartedAt = -1;
    lastActivity = now;
  }

  /** Whether a write has been pending for {@code timeoutMillis} or more (8.7). */
  public synchronized boolean overdue(long now, long timeoutMillis) {
    return writeStartedAt >= 0 && now - writeStartedAt >= timeoutMillis;
  }
}

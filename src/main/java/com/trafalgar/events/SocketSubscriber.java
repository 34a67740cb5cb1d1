package com.trafalgar.events;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A WebSocket session subscribed to a domain (API.md 8.6): one asynchronous text send in flight
 * at a time, the next one started from the completion callback; pings every keepalive interval,
 * and a session that did not answer the previous ping is closed.
 */
final class SocketSubscriber extends StreamSubscriber {
  /** {@code session.getUserProperties()} key of a session's subscriber. */
  static final String PROPERTY = SocketSubscriber.class.getName();
  private static final ByteBuffer PING = ByteBuffer.wrap(new byte[] {'t', 'r', 'f'});

  private final Session session;
  // guarded by this
  private boolean inFlight;
  private boolean awaitingPong;
  private long lastPingAt;

  SocketSubscriber(StreamHub hub, Session session) {
    super(hub);
    this.session = session;
    this.lastPingAt = hub.now();
  }

  @Override
  protected void drain() {
    Frame next;
    synchronized (this) {
      if (inFlight || isClosed()) {
        return;
      }
      next = queue.poll();
      if (next == null) {
        return;
      }
      inFlight = true;
      queue.writeStarted(hub.now());
    }
    try {
      session.getAsyncRemote().sendText(next.text(), this::sent);
    } catch (RuntimeException closedMeanwhile) {
      close(CloseCause.CLIENT_GONE);
    }
  }

  private void sent(SendResult result) {
    synchronized (this) {
      inFlight = false;
      queue.writeCompleted(hub.now());
    }
    if (!result.isOK()) {
      close(CloseCause.CLIENT_GONE);
      return;
    }
    hub.schedule(this);
  }

  @Override
  protected void keepalive(long now) {
    boolean unanswered;
    synchronized (this) {
      if (now - lastPingAt < hub.keepaliveMillis()) {
        return;
      }
      lastPingAt = now;
      unanswered = awaitingPong;
      // while a send is stuck the write deadline decides; ping once it is through
      awaitingPong = !unanswered && !inFlight;
      if (!unanswered && inFlight) {
        return;
      }
    }
    if (unanswered) {
      close(CloseCause.PING_TIMEOUT);
    } else {
      hub.execute(this::ping);
    }
  }

  private void ping() {
    try {
      session.getAsyncRemote().sendPing(PING.duplicate());
    } catch (IOException | RuntimeException gone) {
      close(CloseCause.CLIENT_GONE);
    }
  }

  /** The client answered a ping. */
  synchronized void pong() {
    awaitingPong = false;
  }

  @Override
  protected void closeTransport(CloseCause cause) {
    CloseReason reason = switch (cause) {
      case SLOW_CONSUMER -> new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER,
          "slow consumer");
      case SHUTDOWN -> new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "server shutting down");
      case PING_TIMEOUT -> new CloseReason(CloseReason.CloseCodes.PROTOCOL_ERROR, "pong timeout");
      case CLIENT_GONE -> new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "");
    };
    if (!session.isOpen()) {
      return;
    }
    // closing writes a close frame; never do that on the publishing or tick thread
    hub.execute(() -> {
      try {
        session.close(reason);
      } catch (IOException | RuntimeException alreadyGone) {
        // nothing left to close
      }
    });
  }
}

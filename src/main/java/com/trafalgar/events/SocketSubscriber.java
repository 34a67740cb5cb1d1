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
  private static final ClassLoader SEND_CONTEXT_LOADER = ClassLoader.getPlatformClassLoader();

  private final Session session;
  // guarded by this
  private boolean inFlight;
  /** The thread inside {@code sendText}, to tell a completion that ran inside it. */
  private Thread sendingThread;
  private boolean completedInline;
  private boolean awaitingPong;
  private long lastPingAt;

  SocketSubscriber(StreamHub hub, Session session) {
    super(hub);
    this.session = session;
    this.lastPingAt = hub.now();
  }

  @Override
  protected void drain() {
    while (true) {
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
        completedInline = false;
        sendingThread = Thread.currentThread();
        queue.writeStarted(hub.now());
      }
      try {
        send(next);
      } catch (RuntimeException closedMeanwhile) {
        close(CloseCause.CLIENT_GONE);
        return;
      }
      synchronized (this) {
        if (sendingThread != Thread.currentThread() || !completedInline) {
          // the completion callback goes on from its own thread (and may have sent again)
          if (sendingThread == Thread.currentThread()) {
            sendingThread = null;
          }
          return;
        }
        sendingThread = null;
      }
      // the send completed inside sendText: loop instead of recursing
    }
  }

  /**
   * Hands one frame to the container. Tyrus re-arms the session's idle timer on every send, even
   * with no idle timeout, and Payara's managed scheduler then looks up its thread-context providers
   * with {@link java.util.ServiceLoader} through the calling thread's context class loader: through
   * the application's loader, that scans every jar of the server: more than a third of the
   * server's CPU samples at 5,000 WebSocket messages a second (JFR of the streams benchmark). The
   * platform loader answers the same lookup without touching a jar; nothing else in a send uses
   * the context loader.
   */
  private void send(Frame frame) {
    Thread thread = Thread.currentThread();
    ClassLoader caller = thread.getContextClassLoader();
    thread.setContextClassLoader(SEND_CONTEXT_LOADER);
    try {
      session.getAsyncRemote().sendText(frame.text(), this::sent);
    } finally {
      thread.setContextClassLoader(caller);
    }
  }

  /**
   * A send completed. Later frames are sent straight from the container's completion thread (an
   * asynchronous send never blocks it): a round trip through the writer pool per message, queued
   * behind a thousand SSE drains, made WebSocket clients fall more than a queue behind.
   */
  private void sent(SendResult result) {
    boolean inline;
    synchronized (this) {
      inFlight = false;
      queue.writeCompleted(hub.now());
      inline = sendingThread == Thread.currentThread();
      completedInline = inline;
    }
    if (!result.isOK()) {
      close(CloseCause.CLIENT_GONE);
      return;
    }
    if (!inline) {
      drain();
    }
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

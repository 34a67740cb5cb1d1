package com.trafalgar.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.trafalgar.json.Json;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket side of API.md 8.6/8.7 without a container: one send in flight, 1013 for a send
 * that does not complete in time, pings every interval and 1002 when a ping went unanswered. The
 * session is a small in-memory stand-in that records what the subscriber asks of it.
 */
class SocketSubscriberTest {
  private static final long KEEPALIVE = 30_000;
  private static final long WRITE_TIMEOUT = 10_000;

  private final AtomicLong now = new AtomicLong(1_000);
  private final List<Runnable> writerTasks = new ArrayList<>();
  private final EventDomain ingest = new EventDomain("ingest", 8, 1L, "runs.snapshot", "runs");
  private final StreamHub hub = new StreamHub(ingest, false, writerTasks::add, now::get, 64,
      KEEPALIVE, WRITE_TIMEOUT);
  private final RecordingSession session = new RecordingSession();
  private final SocketSubscriber subscriber = new SocketSubscriber(hub, session.proxy());

  SocketSubscriberTest() {
    hub.start();
    hub.openSocket(subscriber);
  }

  /** Records sends, pings and the close of one session. */
  static final class RecordingSession {
    final List<String> sent = new ArrayList<>();
    final List<SendHandler> pending = new ArrayList<>();
    int pings;
    CloseReason closedWith;
    final Map<String, Object> properties = new HashMap<>();

    Session proxy() {
      RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(
          getClass().getClassLoader(), new Class<?>[] {RemoteEndpoint.Async.class},
          (self, method, args) -> switch (method.getName()) {
            case "sendText" -> {
              sent.add((String) args[0]);
              pending.add((SendHandler) args[1]);
              yield null;
            }
            case "sendPing" -> {
              pings++;
              yield null;
            }
            default -> throw new UnsupportedOperationException(method.getName());
          });
      return (Session) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {Session.class},
          (self, method, args) -> switch (method.getName()) {
            case "getAsyncRemote" -> remote;
            case "isOpen" -> closedWith == null;
            case "close" -> {
              closedWith = (CloseReason) args[0];
              yield null;
            }
            case "getUserProperties" -> properties;
            case "hashCode" -> System.identityHashCode(self);
            case "equals" -> self == args[0];
            default -> throw new UnsupportedOperationException(method.getName());
          });
    }

    void complete(SendResult result) {
      pending.remove(0).onResult(result);
    }
  }

  private void runWriters() {
    while (!writerTasks.isEmpty()) {
      writerTasks.remove(0).run();
    }
  }

  private void publish(int count) {
    for (int i = 0; i < count; i++) {
      ingest.publish("run.updated", EventDomain.payload("run", Json.object().put("id", "r" + i)));
    }
  }

  @Test
  void oneSendIsInFlightAtATimeAndTheNextStartsWhenItCompletes() {
    publish(3);
    runWriters();
    assertEquals(1, session.sent.size());
    assertEquals("{\"event\":\"run.updated\",\"run\":{\"id\":\"r0\"}}", session.sent.get(0));
    session.complete(new SendResult());
    runWriters();
    assertEquals(2, session.sent.size());
    session.complete(new SendResult());
    runWriters();
    session.complete(new SendResult());
    runWriters();
    assertEquals(3, session.sent.size());
    assertNull(session.closedWith);
  }

  @Test
  void aSendNotCompletedWithinTheTimeoutClosesWith1013SlowConsumer() {
    publish(1);
    runWriters();
    now.addAndGet(WRITE_TIMEOUT);
    hub.tick();
    runWriters();
    assertEquals(CloseReason.CloseCodes.TRY_AGAIN_LATER, session.closedWith.getCloseCode());
    assertEquals("slow consumer", session.closedWith.getReasonPhrase());
    assertEquals(1, ingest.counters().disconnectedTotal());
    assertEquals(0, ingest.counters().subscribers());
  }

  @Test
  void aFailedSendUnsubscribesWithoutCountingADisconnection() {
    publish(1);
    runWriters();
    session.complete(new SendResult(new java.io.IOException("connection reset")));
    runWriters();
    assertEquals(0, ingest.counters().subscribers());
    assertEquals(0, ingest.counters().disconnectedTotal());
  }

  @Test
  void answeredPingsKeepTheSessionAndAnUnansweredOneClosesItWith1002() {
    now.addAndGet(KEEPALIVE - 1);
    hub.tick();
    runWriters();
    assertEquals(0, session.pings, "not due yet");
    now.addAndGet(1);
    hub.tick();
    runWriters();
    assertEquals(1, session.pings);
    subscriber.pong();
    now.addAndGet(KEEPALIVE);
    hub.tick();
    runWriters();
    assertEquals(2, session.pings);
    assertNull(session.closedWith);
    now.addAndGet(KEEPALIVE);
    hub.tick();
    runWriters();
    assertEquals(CloseReason.CloseCodes.PROTOCOL_ERROR, session.closedWith.getCloseCode());
    assertTrue(session.closedWith.getReasonPhrase().contains("pong"));
    assertEquals(0, ingest.counters().subscribers());
  }

  @Test
  void shutdownClosesWith1001() {
    hub.stop();
    runWriters();
    assertEquals(CloseReason.CloseCodes.GOING_AWAY, session.closedWith.getCloseCode());
  }
}

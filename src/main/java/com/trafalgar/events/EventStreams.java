package com.trafalgar.events;

import com.trafalgar.config.EventSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.Session;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The SSE and WebSocket transports of both event domains (API.md 8). Owns the stream threads: a
 * small writer pool that drains subscriber queues (writes never run on the publishing thread and
 * never wait on a client) and one ticker for keepalives, pings and write deadlines. Undeploying
 * closes every stream and session and stops both.
 */
@ApplicationScoped
public class EventStreams {
  private static final Logger LOG = Logger.getLogger(EventStreams.class.getName());

  private final EventDomains domains;
  private final Clock clock;
  private ExecutorService writers;
  private ScheduledExecutorService ticker;
  private StreamHub render;
  private StreamHub ingest;

  @Inject
  public EventStreams(EventDomains domains, Clock clock) {
    this.domains = domains;
    this.clock = clock;
  }

  /** For CDI proxies only. */
  protected EventStreams() {
    this.domains = null;
    this.clock = null;
  }

  @PostConstruct
  void start() {
    EventSettings settings = domains.settings();
    writers = Executors.newFixedThreadPool(settings.writerThreads(),
        named("trafalgar-events-writer"));
    ticker = Executors.newSingleThreadScheduledExecutor(named("trafalgar-events-ticker"));
    long writeTimeout = millis(settings.writeTimeoutSeconds());
    render = hub(domains.render(), true, settings.subscriberBuffer(),
        millis(settings.renderKeepaliveSeconds()), writeTimeout);
    ingest = hub(domains.ingest(), false, settings.subscriberBuffer(),
        millis(settings.ingestKeepaliveSeconds()), writeTimeout);
  }

  @PreDestroy
  void stop() {
    ticker.shutdownNow();
    render.stop();
    ingest.stop();
    writers.shutdown();
    try {
      if (!writers.awaitTermination(5, TimeUnit.SECONDS)) {
        writers.shutdownNow();
      }
    } catch (InterruptedException e) {
      writers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  public StreamHub render() {
    return render;
  }

  public StreamHub ingest() {
    return ingest;
  }

  /**
   * Serves an SSE stream on this request (8.2–8.5): headers are flushed at once, then the
   * opening messages for {@code position}, then live events, until the client leaves, is too slow
   * or the application stops. Returns without waiting; the request stays open asynchronously.
   */
  public void openSse(StreamHub hub, HttpServletRequest request, HttpServletResponse response,
      StreamPosition position) throws IOException {
    SseSubscriber subscriber = SseSubscriber.start(hub, request, response);
    try {
      hub.openSse(subscriber, position);
    } catch (RuntimeException e) {
      // the headers are out: end the stream (the client reconnects) rather than leak it
      LOG.log(Level.WARNING, "Opening a " + hub.domain().name() + " stream failed", e);
      subscriber.close(StreamSubscriber.CloseCause.CLIENT_GONE);
      return;
    }
    subscriber.listen();
  }

  /** {@code Cache-Control} of a stream: 8.2's {@code no-cache}, and no-store (tracker issue 12). */
  static final String CACHE_CONTROL = "no-cache, no-store";

  /** The answer to {@code HEAD} on a stream route: the SSE headers of 8.2, no body. */
  public static Response headersOnly() {
    return Response.ok().type(SseSubscriber.CONTENT_TYPE)
        .header("Cache-Control", CACHE_CONTROL).header("X-Accel-Buffering", "no").build();
  }

  /** Subscribes a newly opened WebSocket session (8.6). */
  public void openSocket(StreamHub hub, Session session) {
    session.setMaxIdleTimeout(0);
    SocketSubscriber subscriber = new SocketSubscriber(hub, session);
    session.getUserProperties().put(SocketSubscriber.PROPERTY, subscriber);
    try {
      hub.openSocket(subscriber);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Opening a " + hub.domain().name() + " WebSocket failed", e);
      subscriber.close(StreamSubscriber.CloseCause.CLIENT_GONE);
    }
  }

  /** The session answered a ping. */
  public void pong(Session session) {
    if (session.getUserProperties().get(SocketSubscriber.PROPERTY)
        instanceof SocketSubscriber subscriber) {
      subscriber.pong();
    }
  }

  /** The session closed or failed: unsubscribe it. */
  public void closed(Session session) {
    if (session.getUserProperties().get(SocketSubscriber.PROPERTY)
        instanceof SocketSubscriber subscriber) {
      subscriber.close(StreamSubscriber.CloseCause.CLIENT_GONE);
    }
  }

  private StreamHub hub(EventDomain domain, boolean snapshotOnConnect, int buffer,
      long keepaliveMillis, long writeTimeoutMillis) {
    StreamHub hub = new StreamHub(domain, snapshotOnConnect, writers, clock::millis, buffer,
        keepaliveMillis, writeTimeoutMillis);
    hub.start();
    // a tick a quarter of the shortest period keeps keepalives and deadlines within 25 % late
    long period = Math.max(50, Math.min(1000, Math.min(keepaliveMillis, writeTimeoutMillis) / 4));
    ticker.scheduleAtFixedRate(() -> tick(hub), period, period, TimeUnit.MILLISECONDS);
    return hub;
  }

  private static long millis(double seconds) {
    return Math.max(1, Math.round(seconds * 1000));
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  private static void tick(StreamHub hub) {
    try {
      hub.tick();
    } catch (RuntimeException e) {
      // a periodic task that throws is never run again: keep the ticker alive
      LOG.log(Level.WARNING, "Stream tick of " + hub.domain().name() + " failed", e);
    }
  }
}

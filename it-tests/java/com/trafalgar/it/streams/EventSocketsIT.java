package com.trafalgar.it.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.trafalgar.it.Http;
import com.trafalgar.it.WarTest;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * WebSocket streams with the JDK client (API.md 8.6, 3.7): authentication before the upgrade,
 * the render {@code connected} frame, event frames, pings, and 1009 for large client messages.
 * {@link StreamTestServlet} publishes in place of the render and ingest features.
 */
@WarTest
class EventSocketsIT {
  private static final String JOBS = "[{\"job_id\":\"ws-1\",\"status\":\"queued\"}]";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return StreamFixture.deployment();
  }

  @ArquillianResource Http http;
  StreamFixture fixture;

  @BeforeEach
  void client() {
    fixture = new StreamFixture(http);
    fixture.snapshot("render", JOBS, null);
  }

  /** Collects what a session receives. */
  static final class Frames implements WebSocket.Listener {
    final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    final AtomicInteger pings = new AtomicInteger();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        texts.add(partial.toString());
        partial.setLength(0);
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket socket, ByteBuffer message) {
      pings.incrementAndGet();
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
      closeCode.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      closeCode.completeExceptionally(error);
    }

    JsonNode next() throws Exception {
      String text = texts.poll(10, TimeUnit.SECONDS);
      if (text == null) {
        throw new AssertionError("no frame within 10 s");
      }
      return Http.JSON.readTree(text);
    }
  }

  private WebSocket open(String pathAndQuery, Frames frames, String... headers)
      throws Exception {
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    URI uri = URI.create("ws://127.0.0.1:" + http.base().getPort() + pathAndQuery);
    return builder.buildAsync(uri, frames).get(20, TimeUnit.SECONDS);
  }

  private String upgrade(String pathAndQuery, String... headers) {
    StringBuilder request = new StringBuilder("GET " + pathAndQuery + " HTTP/1.1\r\n"
        + "Host: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n");
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
    }
    request.append("Connection: close\r\n\r\n");
    return StreamFixture.raw(http.base().getPort(), request.toString(),
        text -> text.startsWith("HTTP/1.1 101") || text.contains("\"}"));
  }

  @Test
  void upgradeWithoutValidCredentialsIsAPlainJsonRefusal() {
    String missing = upgrade("/render/jobs/ws");
    assertTrue(missing.startsWith("HTTP/1.1 401"), missing);
    assertTrue(missing.toLowerCase().contains("content-type: application/json"), missing);
    assertTrue(missing.contains("WWW-Authenticate: Bearer"), missing);
    assertTrue(missing.endsWith("{\"detail\":\"Authentication credentials were not provided.\"}"),
        missing);

    String wrongToken = upgrade("/jobs/ws?access_token=wrong");
    assertTrue(wrongToken.startsWith("HTTP/1.1 401"), wrongToken);
    assertTrue(wrongToken.endsWith("{\"detail\":\"Invalid bearer token.\"}"), wrongToken);

    String wrongRole = upgrade("/render/jobs/ws", "Authorization",
        "Bearer " + StreamFixture.INGEST_ONLY);
    assertTrue(wrongRole.startsWith("HTTP/1.1 403"), wrongRole);
    assertTrue(wrongRole.endsWith("{\"detail\":\"Caller is missing required roles.\"}"),
        wrongRole);

    // the JDK client sees a failed handshake, never an open session
    ExecutionException refused = assertThrows(ExecutionException.class,
        () -> open("/ingest/runs/ws", new Frames()));
    assertTrue(refused.getCause() instanceof WebSocketHandshakeException, refused.toString());
    assertEquals(401,
        ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
  }

  @Test
  void renderSessionStartsWithTheConnectedFrameThenEventPayloads() throws Exception {
    Frames frames = new Frames();
    WebSocket socket = open("/render/jobs/ws", frames, "Authorization",
        "Bearer " + StreamFixture.READER);
    JsonNode connected = frames.next();
    assertEquals("connected", connected.get("type").asText());
    assertEquals("jobs.snapshot", connected.get("snapshot").get("event").asText());
    assertEquals(Http.JSON.readTree(JOBS), connected.get("snapshot").get("jobs"));

    fixture.publish("render", "job.created", 3, 0);
    for (int i = 0; i < 3; i++) {
      JsonNode event = frames.next();
      assertEquals("job.created", event.get("event").asText());
      assertFalse(event.has("type"), event.toString());
      assertEquals("it-" + i, event.get("job").get("job_id").asText());
    }
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
  }

  @Test
  void aliasAcceptsTheAccessTokenQuery() throws Exception {
    Frames frames = new Frames();
    WebSocket socket = open("/jobs/ws?access_token=" + StreamFixture.TOKEN, frames);
    assertEquals("connected", frames.next().get("type").asText());
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
  }

  @Test
  void ingestSessionHasNoHandshakeFrame() throws Exception {
    Frames frames = new Frames();
    WebSocket socket = open("/runs/ws", frames, "Authorization",
        "Bearer " + StreamFixture.INGEST_ONLY);
    fixture.awaitCounters("ingest", c -> c.get("subscribers").asInt() >= 1, 20);
    fixture.publishOne("ingest", "run.removed");
    JsonNode first = frames.next();
    assertEquals("run.removed", first.get("event").asText());
    assertEquals("it-0", first.get("run").get("id").asText());
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
  }

  @Test
  void largeClientMessageClosesWith1009AndSmallOnesAreIgnored() throws Exception {
    Frames frames = new Frames();
    WebSocket socket = open("/ingest/runs/ws", frames, "Authorization",
        "Bearer " + StreamFixture.READER);
    socket.sendText("{\"hello\":\"server\"}", true).get(10, TimeUnit.SECONDS);
    socket.sendText("x".repeat(5000), true).get(10, TimeUnit.SECONDS);
    assertEquals(1009, frames.closeCode.get(20, TimeUnit.SECONDS));
  }

  @Test
  void sessionsArePingedAndLeaveTheSubscriberCountWhenClosed() throws Exception {
    fixture.awaitCounters("render", c -> c.get("subscribers").asInt() == 0, 20);
    Frames frames = new Frames();
    WebSocket socket = open("/render/jobs/ws", frames, "Authorization",
        "Bearer " + StreamFixture.READER);
    fixture.awaitCounters("render", c -> c.get("subscribers").asInt() == 1, 20);
    // keepalive is 1 s here; the JDK client answers each ping, so the session stays open
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (frames.pings.get() < 3 && System.nanoTime() < deadline) {
      StreamFixture.pause(100);
    }
    assertTrue(frames.pings.get() >= 3, "pings received: " + frames.pings.get());
    assertFalse(frames.closeCode.isDone(), "an answering session is not closed");
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
    fixture.awaitCounters("render", c -> c.get("subscribers").asInt() == 0, 20);
  }

  /**
   * Undertow (WildFly) and Grizzly (Payara, with the pre-boot write-buffer bound) stop a stalled
   * session's writes differently; on both, it must leave while a reading client misses nothing.
   * The stalled session is dropped by whichever comes first: the unanswered ping or the write
   * deadline (8.6, 8.7).
   */
  @Test
  void aSessionThatStopsReadingNeitherDelaysOthersNorStaysSubscribed() throws Exception {
    fixture.awaitCounters("render", c -> c.get("subscribers").asInt() == 0, 20);
    try (Socket stalled = new Socket()) {
      // a tiny receive window and no reads at all, not even of the 101 answer
      stalled.setReceiveBufferSize(2048);
      stalled.connect(new InetSocketAddress("127.0.0.1", http.base().getPort()));
      stalled.getOutputStream().write(("GET /render/jobs/ws HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
          + "Authorization: Bearer " + StreamFixture.READER + "\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      stalled.getOutputStream().flush();
      fixture.awaitCounters("render", c -> c.get("subscribers").asInt() == 1, 20);

      Frames frames = new Frames();
      WebSocket healthy = open("/render/jobs/ws", frames, "Authorization",
          "Bearer " + StreamFixture.READER);
      assertEquals("connected", frames.next().get("type").asText());
      // about 12 MB in large events: far more than the stalled connection's buffers hold
      int published = fixture.publish("render", "job.updated", 800, 16_000).size();
      for (int i = 0; i < published; i++) {
        assertEquals("job.updated", frames.next().get("event").asText(),
            "the reading session misses nothing (frame " + i + ")");
      }
      fixture.awaitCounters("render", c -> c.get("subscribers").asInt() == 1, 30);
      fixture.publishOne("render", "job.created");
      assertEquals("job.created", frames.next().get("event").asText());
      assertFalse(frames.closeCode.isDone(), "the reading session stays open");
      healthy.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
    }
    fixture.awaitCounters("render", c -> c.get("subscribers").asInt() == 0, 20);
  }
}

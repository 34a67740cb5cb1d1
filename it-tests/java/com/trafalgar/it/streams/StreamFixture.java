package com.trafalgar.it.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.trafalgar.it.Deployments;
import com.trafalgar.it.Http;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * What the stream ITs share: one server configuration (short keepalive and write timeout, a small
 * replay buffer), the credentials, and calls to the test-only {@link StreamTestServlet}.
 */
final class StreamFixture {
  static final String TOKEN = "it-stream-token";
  static final String READER = "reader-token";
  static final String INGEST_ONLY = "ingest-only-token";
  static final int REPLAY_BUFFER = 16;

  private final Http http;

  StreamFixture(Http http) {
    this.http = http;
  }

  static WebArchive deployment() {
    String credentials = "[{\"id\": \"reader\", \"token\": \"" + READER + "\","
        + " \"roles\": \"render:read ingest:read\"},"
        + " {\"id\": \"ingest-only\", \"token\": \"" + INGEST_ONLY + "\","
        + " \"roles\": [\"ingest:read\"]}]";
    Path target = Path.of("target/it-streams").toAbsolutePath();
    return Deployments.trafalgar(
        "TRAFALGAR_DASHBOARD_TOKEN", TOKEN,
        "TRAFALGAR_SERVICE_CREDENTIALS", credentials,
        "TRAFALGAR_RENDER_SSE_KEEPALIVE_INTERVAL", "1",
        "TRAFALGAR_INGEST_SSE_KEEPALIVE_INTERVAL", "1",
        "TRAFALGAR_EVENT_WRITE_TIMEOUT", "5",
        "TRAFALGAR_EVENT_REPLAY_BUFFER", String.valueOf(REPLAY_BUFFER),
        "TRAFALGAR_EVENT_SUBSCRIBER_BUFFER", "10000",
        // nothing but the tests publishes: no poller, no registry watcher
        "TRAFALGAR_RENDER_STATUS_POLL_INTERVAL", "0",
        "TRAFALGAR_INGEST_WATCH_INTERVAL", "0",
        "ONEPIECE_INGEST_REGISTRY", target.resolve("no-registry.json").toString())
        .addClass(StreamTestServlet.class);
  }

  /** Publishes {@code count} events; returns their ids. */
  List<Long> publish(String domain, String event, int count, int pad) {
    Http.Answer answer = http.post("/__test/publish?domain=" + domain + "&event=" + event
        + "&count=" + count + "&pad=" + pad, "");
    if (answer.status() != 200) {
      throw new AssertionError("publish failed: " + answer.status() + " " + answer.body());
    }
    List<Long> ids = new ArrayList<>();
    answer.json().get("ids").forEach(id -> ids.add(id.asLong()));
    return ids;
  }

  long publishOne(String domain, String event) {
    return publish(domain, event, 1, 0).get(0);
  }

  /** Registers the snapshot items; {@code refreshEvent} (nullable) is published by each refresh. */
  void snapshot(String domain, String itemsJson, String refreshEvent) {
    Http.Answer answer = http.postJson("/__test/snapshot?domain=" + domain
        + (refreshEvent == null ? "" : "&refresh=" + refreshEvent), itemsJson);
    if (answer.status() != 200) {
      throw new AssertionError("snapshot failed: " + answer.status() + " " + answer.body());
    }
  }

  JsonNode counters(String domain) {
    return http.get("/__test/counters?domain=" + domain).json();
  }

  /** Waits (bounded) until the domain's counters satisfy {@code condition}; returns them. */
  JsonNode awaitCounters(String domain, Predicate<JsonNode> condition, int seconds) {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    JsonNode counters = counters(domain);
    while (!condition.test(counters) && System.nanoTime() < deadline) {
      pause(100);
      counters = counters(domain);
    }
    if (!condition.test(counters)) {
      throw new AssertionError("counters never matched within " + seconds + " s: " + counters);
    }
    return counters;
  }

  /**
   * Sends {@code request} (complete, with the empty line) on a raw socket and reads the answer
   * until {@code done} holds for what arrived, or the server closes.
   */
  static String raw(int port, String request, Predicate<String> done) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(15_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      int read;
      while (!done.test(answer.toString(StandardCharsets.UTF_8))
          && (read = in.read(buffer)) >= 0) {
        answer.write(buffer, 0, read);
      }
      return answer.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

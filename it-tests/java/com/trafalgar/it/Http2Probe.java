package com.trafalgar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a client with {@code java.net.http.HttpClient}'s default settings meets: it asks every
 * {@code http://} server for an h2c upgrade and, when granted, speaks HTTP/2 from then on. Shared
 * by the ITs of each way the project starts a server (docs/operations.md, <i>HTTP/2</i>): the
 * protocol it gets, an early answer to a request whose body is not read, a closed event stream.
 */
public final class Http2Probe {
  /** How long an early answer may take: far below the client's own timeout. */
  public static final Duration PROMPT = Duration.ofSeconds(10);
  /** Added to timed waits for the scheduling delays of a loaded build machine. */
  public static final Duration SLACK = Duration.ofSeconds(5);

  private static final byte[] TWO_MIB = new byte[2 * 1024 * 1024];

  private final URI base;
  private final String token;

  /**
   * @param base {@code http://127.0.0.1:port}
   * @param token a credential with every role (the dashboard token)
   */
  public Http2Probe(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  /** The protocol version a default client ends up with for a plain GET. */
  public HttpClient.Version defaultClientVersion() {
    HttpResponse<String> answer = send(HttpClient.newHttpClient(), get("/render/").build());
    assertEquals(200, answer.statusCode(), answer.body());
    return answer.version();
  }

  /**
   * A default client's submissions (a body on the connection's first request, which asks for the
   * h2c upgrade, and on the next ones) are read and answered 201 at once, not after the server's
   * read timeout: a declined upgrade must not make the body unreadable.
   */
  public void bodiesOfDefaultClientAreRead() {
    HttpClient client = HttpClient.newHttpClient();
    for (int i = 0; i < 3; i++) {
      HttpRequest post = HttpRequest.newBuilder(base.resolve("/render/jobs")).timeout(PROMPT)
          .header("Authorization", "Bearer " + token)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"dcc\": \"maya\", \"scene\": \"/s.ma\","
              + " \"output\": \"/o\", \"frames\": \"1-10\"}"))
          .build();
      HttpResponse<String> answer = send(client, post);
      assertEquals(201, answer.statusCode(), answer.body());
      assertEquals(HttpClient.Version.HTTP_1_1, answer.version());
    }
  }

  /**
   * Sends h2c upgrade requests by hand: the server must answer them as plain HTTP/1.1 requests, at
   * once, whether it grants them ({@code 200}) or refuses them ({@code 401}).
   */
  public void upgradeIsDeclined() {
    String granted = upgradeStatusLine("/render/", true);
    assertTrue(granted.startsWith("HTTP/1.1 200"), "h2c upgrade answered: " + granted);
    String refused = upgradeStatusLine("/render/jobs", false);
    assertTrue(refused.startsWith("HTTP/1.1 401"), "anonymous h2c upgrade answered: " + refused);
  }

  private String upgradeStatusLine(String path, boolean authenticated) {
    String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + (authenticated ? "Authorization: Bearer " + token + "\r\n" : "")
        + "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
        + "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n";
    try (Socket socket = new Socket("127.0.0.1", base.getPort())) {
      socket.setSoTimeout((int) PROMPT.toMillis());
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) >= 0 && b != '\n') {
        line.write(b);
      }
      return line.toString(StandardCharsets.ISO_8859_1).trim();
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no answer to an h2c upgrade of " + path + " within "
          + PROMPT.toSeconds() + " s", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * An answer given before the body is read (413 over 1 MiB, declared or streamed; 401 without a
   * credential, with a body or on the upgrade request that opens a connection) reaches a default
   * client at once, and the client's next request still works.
   */
  public void earlyAnswersArrivePromptly() {
    // a fresh client's first request asks for the upgrade: refused, it is still answered at once
    HttpResponse<String> refused = promptly(HttpClient.newHttpClient(),
        HttpRequest.newBuilder(base.resolve("/render/jobs")).timeout(PROMPT).GET().build(),
        "anonymous GET of a fresh default client");
    assertEquals(401, refused.statusCode(), refused.body());

    HttpClient client = HttpClient.newHttpClient();
    HttpClient.Version version = send(client, get("/render/").build()).version();
    String where = " (default HttpClient, " + version + ")";

    HttpResponse<String> declared = promptly(client, post("/render/jobs", true)
        .POST(HttpRequest.BodyPublishers.ofByteArray(TWO_MIB)).build(), "declared 2 MiB" + where);
    assertEquals(413, declared.statusCode(), declared.body() + where);
    assertTrue(declared.body().contains("exceeds the 1 MiB limit"), declared.body());

    HttpResponse<String> streamed = promptly(client, post("/render/jobs", true)
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(TWO_MIB)))
        .build(), "streamed 2 MiB" + where);
    assertEquals(413, streamed.statusCode(), streamed.body() + where);

    HttpResponse<String> anonymous = promptly(client, post("/render/jobs", false)
        .POST(HttpRequest.BodyPublishers.ofByteArray(TWO_MIB)).build(), "anonymous 2 MiB" + where);
    assertEquals(401, anonymous.statusCode(), anonymous.body() + where);

    HttpResponse<String> next = promptly(client, get("/render/").build(), "the next GET" + where);
    assertEquals(200, next.statusCode(), next.body() + where);
  }

  /**
   * A default client holds two {@code /render/jobs/stream} connections and closes one: that one
   * leaves {@code events.subscribers} of {@code /render/health} by the first keepalive write that
   * fails (API.md 8.6), which on TCP is the second after the close (the first one is what makes the
   * client's side answer with a reset), so within two intervals (plus {@link #SLACK}); the other
   * stream of the same client keeps receiving.
   */
  public void closedStreamUnsubscribes(Duration keepalive) {
    HttpClient client = HttpClient.newHttpClient();
    int before = subscribers();
    HttpResponse<InputStream> other = openStream(client);
    String where = " (default HttpClient, " + other.version() + ")";
    AtomicReference<String> otherEnded = new AtomicReference<>();
    Thread reader = new Thread(() -> {
      byte[] buffer = new byte[4096];
      try (InputStream in = other.body()) {
        while (in.read(buffer) >= 0) {
          // keepalives
        }
        otherEnded.set("the server ended it");
      } catch (IOException e) {
        otherEnded.compareAndSet(null, e.toString());
      }
    }, "it-http2-other-stream");
    reader.setDaemon(true);
    reader.start();
    awaitSubscribers(before + 1, PROMPT, "the first stream is counted" + where);

    HttpResponse<InputStream> closing = openStream(client);
    try (InputStream body = closing.body()) {
      assertTrue(body.read() >= 0, "the snapshot arrives" + where);
      awaitSubscribers(before + 2, PROMPT, "the second stream is counted" + where);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    awaitSubscribers(before + 1, keepalive.multipliedBy(2).plus(SLACK),
        "the closed stream unsubscribes" + where);
    pause(keepalive.plusMillis(500).toMillis());
    assertNull(otherEnded.get(), "the other stream of the same client survives" + where);
    assertEquals(before + 1, subscribers(), "the other stream is still counted" + where);
    otherEnded.set("closed by the test");
    reader.interrupt();
    try {
      other.body().close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  private HttpResponse<InputStream> openStream(HttpClient client) {
    HttpResponse<InputStream> stream;
    try {
      // no request timeout: the stream outlives it; the wait for its headers is bounded below
      stream = client.sendAsync(HttpRequest.newBuilder(base.resolve("/render/jobs/stream"))
          .header("Authorization", "Bearer " + token).GET().build(),
          HttpResponse.BodyHandlers.ofInputStream()).get(PROMPT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the stream did not open", e);
    }
    assertEquals(200, stream.statusCode(), "stream over " + stream.version());
    return stream;
  }

  private int subscribers() {
    HttpResponse<String> health = send(HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1).build(), get("/render/health").build());
    assertEquals(200, health.statusCode(), health.body());
    try {
      return Http.JSON.readTree(health.body()).get("events").get("subscribers").asInt();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitSubscribers(int expected, Duration within, String what) {
    long deadline = System.nanoTime() + within.toNanos();
    int seen = subscribers();
    while (seen != expected && System.nanoTime() < deadline) {
      pause(100);
      seen = subscribers();
    }
    assertEquals(expected, seen, what + ": events.subscribers within " + within.toMillis()
        + " ms");
  }

  private HttpResponse<String> promptly(HttpClient client, HttpRequest request, String what) {
    long started = System.nanoTime();
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new AssertionError(what + ": no answer within " + PROMPT.toSeconds() + " s", e);
    } catch (IOException e) {
      throw new AssertionError(what + ": failed after "
          + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(PROMPT)
        .header("Authorization", "Bearer " + token).GET();
  }

  private HttpRequest.Builder post(String path, boolean authenticated) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(PROMPT)
        .header("Content-Type", "application/json");
    return authenticated ? builder.header("Authorization", "Bearer " + token) : builder;
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

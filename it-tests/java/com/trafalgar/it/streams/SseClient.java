package com.trafalgar.it.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.trafalgar.it.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real SSE client for the ITs: {@code java.net.http} with {@code BodyHandlers.ofLines()}, one
 * connection per instance, messages parsed by the rules of the SSE format into a queue that the
 * test reads with a bound wait. Closing it closes the connection.
 */
public final class SseClient implements AutoCloseable {
  /** One SSE message: {@code id} and {@code event} are null when the message has no such line. */
  public record Message(String id, String event, String data) {
    long idValue() {
      return Long.parseLong(id);
    }

    public JsonNode json() {
      try {
        return Http.JSON.readTree(data);
      } catch (IOException e) {
        throw new UncheckedIOException(data, e);
      }
    }

    boolean keepalive() {
      return id == null && event == null && "{}".equals(data);
    }
  }

  private static final Message END = new Message(null, null, null);

  private final HttpResponse<Stream<String>> response;
  private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
  private final List<String> otherLines = new ArrayList<>();
  private final Thread reader;

  private SseClient(HttpResponse<Stream<String>> response) {
    this.response = response;
    this.reader = new Thread(this::read, "it-sse-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Connects and waits for the response headers only (they are flushed before any event).
   *
   * @param headers name/value pairs
   */
  public static SseClient connect(URI uri, String... headers) {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return new SseClient(client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
          .get(30, TimeUnit.SECONDS));
    } catch (Exception e) {
      throw new IllegalStateException("SSE connection to " + uri + " failed", e);
    }
  }

  HttpResponse<Stream<String>> response() {
    return response;
  }

  String header(String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  /** The next message, waiting at most {@code seconds}; fails when none came or the stream ended. */
  Message next(int seconds) {
    try {
      Message message = messages.poll(seconds, TimeUnit.SECONDS);
      if (message == null) {
        throw new AssertionError("no SSE message within " + seconds + " s");
      }
      if (message == END) {
        messages.add(END);
        throw new AssertionError("the SSE stream ended");
      }
      return message;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The next message that is not a keepalive. */
  public Message nextEvent(int seconds) {
    Message message = next(seconds);
    while (message.keepalive()) {
      message = next(seconds);
    }
    return message;
  }

  /** Whether the server ended the stream within {@code seconds} (keepalives are skipped). */
  boolean endsWithin(int seconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    try {
      while (System.nanoTime() < deadline) {
        Message message = messages.poll(200, TimeUnit.MILLISECONDS);
        if (message == END) {
          messages.add(END);
          return true;
        }
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Lines that were neither {@code id:}, {@code event:}, {@code data:} nor empty. */
  synchronized List<String> otherLines() {
    return List.copyOf(otherLines);
  }

  @Override
  public void close() {
    response.body().close();
  }

  private void read() {
    String id = null;
    String event = null;
    StringBuilder data = null;
    try {
      Iterator<String> lines = response.body().iterator();
      while (lines.hasNext()) {
        String line = lines.next();
        if (line.isEmpty()) {
          if (data != null) {
            messages.add(new Message(id, event, data.toString()));
          }
          id = null;
          event = null;
          data = null;
        } else if (line.startsWith("id: ")) {
          id = line.substring(4);
        } else if (line.startsWith("event: ")) {
          event = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data = data == null ? new StringBuilder(line.substring(6))
              : data.append('\n').append(line.substring(6));
        } else {
          synchronized (this) {
            otherLines.add(line);
          }
        }
      }
    } catch (RuntimeException closed) {
      // the connection was closed by either side
    } finally {
      messages.add(END);
    }
  }
}

package com.trafalgar.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A small client for the ITs: real HTTP over {@code java.net.http}, JSON parsed with Jackson.
 * The Arquillian URL names the first non-loopback address; requests go to 127.0.0.1 instead.
 */
public final class Http {
  public static final ObjectMapper JSON = new ObjectMapper();

  /** One answer: status, headers and body. */
  public record Answer(int status, java.net.http.HttpHeaders headers, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("Not JSON (" + status + "): " + body, e);
      }
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    public String mediaType() {
      String type = header("Content-Type");
      return type == null ? null : type.split(";")[0].trim().toLowerCase();
    }
  }

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final URI base;

  public Http(URL deployedAt) {
    this.base = URI.create("http://127.0.0.1:" + deployedAt.getPort());
  }

  /** Another client of the same server: its own connections. */
  public Http fresh() {
    return new Http(base);
  }

  private Http(URI base) {
    this.base = base;
  }

  public URI base() {
    return base;
  }

  public URI uri(String pathAndQuery) {
    return URI.create(base + pathAndQuery);
  }

  public HttpClient client() {
    return client;
  }

  public Answer get(String path, String... headers) {
    return send(request(path, headers).GET().build());
  }

  /**
   * GET on the server's MicroProfile Health endpoint ({@code /health}, {@code /health/ready}...),
   * which is not on the application's port on every server ({@link TargetServer#healthBase}).
   */
  public Answer health(String path) {
    URI uri = URI.create(TargetServer.healthBase(base) + path);
    return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build());
  }

  public Answer delete(String path, String... headers) {
    return send(request(path, headers).DELETE().build());
  }

  public Answer post(String path, String body, String... headers) {
    return send(request(path, headers)
        .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body)).build());
  }

  public Answer postJson(String path, String body, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Content-Type";
    all[1] = "application/json";
    System.arraycopy(headers, 0, all, 2, headers.length);
    return post(path, body, all);
  }

  public Answer method(String method, String path, String... headers) {
    return send(request(path, headers).method(method, HttpRequest.BodyPublishers.noBody()).build());
  }

  public HttpRequest.Builder request(String path, String... headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return builder;
  }

  public Answer send(HttpRequest request) {
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code Authorization: Bearer <token>} as a header pair. */
  public static String[] bearer(String token) {
    return new String[] {"Authorization", "Bearer " + token};
  }

  public static Map<String, String> settings(String... pairs) {
    java.util.LinkedHashMap<String, String> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }
}

package com.trafalgar.shotgrid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.config.ShotGridSettings;
import com.trafalgar.json.Json;
import com.trafalgar.json.JsonNumbers;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The ShotGrid REST client of API.md 9.2 on {@code java.net.http}: client-credentials token
 * (reused until 30 s before expiry, renewed once on a 401), paged {@code _search}, {@code
 * _summarize} record counts, retries of 429/5xx/connection failures after 0.5, 1 and 2 s (or
 * {@code Retry-After}, capped at 10 s).
 *
 * <p>Work is done in <em>logical calls</em> ({@link #call}): everything one call does — token,
 * count, every page, every retry and wait — shares one budget of {@code
 * TRAFALGAR_SHOTGRID_REQUEST_TIMEOUT} seconds (API.md 15). A call that fails throws a {@link
 * ShotGridException} whose reason is {@code HTTP <status>}, {@code timeout}, {@code connection
 * failed} or {@code invalid response}; neither the script key nor the access token ever appears in
 * a reason, a message or a log line.
 */
public class ShotGridClient implements AutoCloseable {
  static final String API = "/api/v1.1";
  static final String SEARCH_TYPE = "application/vnd+shotgun.api3_array+json";
  static final int PAGE_SIZE = 500;
  private static final Duration[] RETRY_DELAYS = {
    Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2)
  };
  private static final Duration RETRY_AFTER_CAP = Duration.ofSeconds(10);
  private static final Duration TOKEN_MARGIN = Duration.ofSeconds(30);
  private static final long DEFAULT_EXPIRES_IN = 600;
  private static final Logger LOG = Logger.getLogger(ShotGridClient.class.getName());

  /** The work of one logical call. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Call call) throws ShotGridException;
  }

  private final ShotGridSettings settings;
  private final Clock clock;
  private final Sleeper sleeper;
  private final ExecutorService executor;
  private final HttpClient http;
  private final ReentrantLock tokenLock = new ReentrantLock();
  private String accessToken;
  private Instant renewAt = Instant.MIN;

  private final AtomicLong succeeded = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile boolean lastSucceeded = true;
  private volatile Consumer<Boolean> callOutcomes = ok -> { };

  /**
   * @param settings a complete ShotGrid configuration ({@link ShotGridSettings#configured()})
   * @param clock decides token expiry and the budget of each logical call
   * @param sleeper waits between retries
   */
  public ShotGridClient(ShotGridSettings settings, Clock clock, Sleeper sleeper) {
    if (!settings.configured()) {
      throw new IllegalArgumentException("ShotGrid is not configured");
    }
    this.settings = settings;
    this.clock = clock;
    this.sleeper = sleeper;
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "trafalgar-shotgrid-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(seconds(settings.connectTimeoutSeconds()))
            .executor(executor)
            .build();
  }

  /**
   * Runs one logical call within the request-timeout budget and records its outcome for health.
   *
   * @param purpose a short description for the log (never a secret), e.g. {@code versions of X}
   */
  public <T> T call(String purpose, Work<T> work) throws ShotGridException {
    Call call = new Call(clock.instant().plus(seconds(settings.requestTimeoutSeconds())));
    try {
      T result = work.run(call);
      succeeded.incrementAndGet();
      lastSucceeded = true;
      callOutcomes.accept(true);
      return result;
    } catch (ShotGridException e) {
      failed.incrementAndGet();
      lastSucceeded = false;
      callOutcomes.accept(false);
      LOG.warning(() -> "ShotGrid query failed (" + purpose + "): " + e.reason());
      throw e;
    }
  }

  /** Also reports each logical call's outcome to {@code listener} (operational metrics). */
  public void onCallOutcome(Consumer<Boolean> listener) {
    this.callOutcomes = listener;
  }

  /** Whether the last logical call succeeded ({@code true} before the first). */
  public boolean lastRequestSucceeded() {
    return lastSucceeded;
  }

  /** Logical calls that succeeded (health, {@code trafalgar.shotgrid.requests} outcome ok). */
  public long succeededCalls() {
    return succeeded.get();
  }

  /** Logical calls that failed (outcome error). */
  public long failedCalls() {
    return failed.get();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  /** One logical call: its deadline and the requests it may make. */
  public final class Call {
    private final Instant deadline;

    private Call(Instant deadline) {
      this.deadline = deadline;
    }

    /**
     * Every record of a paged {@code _search} on {@code entity} (e.g. {@code versions}), pages 1,
     * 2, … until one returns an empty {@code data} array.
     */
    public List<JsonNode> search(String entity, ArrayNode filters, List<String> fields)
        throws ShotGridException {
      List<JsonNode> records = new ArrayList<>();
      for (int page = 1; ; page++) {
        ObjectNode body = Json.object();
        body.set("filters", filters);
        ArrayNode fieldList = body.putArray("fields");
        fields.forEach(fieldList::add);
        body.put("sort", "id");
        ObjectNode paging = body.putObject("page");
        paging.put("size", PAGE_SIZE);
        paging.put("number", page);
        JsonNode data = post("/entity/" + entity + "/_search", body).get("data");
        if (data == null || !data.isArray()) {
          throw new ShotGridException("invalid response");
        }
        if (data.isEmpty()) {
          return records;
        }
        data.forEach(records::add);
      }
    }

    /** The record count of {@code entity} under {@code filters} ({@code _summarize}). */
    public long count(String entity, ArrayNode filters) throws ShotGridException {
      ObjectNode body = Json.object();
      body.set("filters", filters);
      ObjectNode field = body.putArray("summary_fields").addObject();
      field.put("field", "id");
      field.put("type", "record_count");
      JsonNode count = post("/entity/" + entity + "/_summarize", body).at("/data/summaries/id");
      // exact or rejected: asLong() would expand an exponent such as 1e-40000000
      OptionalLong value = JsonNumbers.exactLong(count);
      if (value.isEmpty()) {
        throw new ShotGridException("invalid response");
      }
      return value.getAsLong();
    }

    private JsonNode post(String path, ObjectNode body) throws ShotGridException {
      String json = Json.compact(body);
      boolean renewed = false;
      while (true) {
        String token = token(this);
        HttpResponse<String> response =
            send(
                () ->
                    request(path)
                        .header("Content-Type", SEARCH_TYPE)
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(json)));
        if (response.statusCode() == 401 && !renewed) {
          forget(token);
          renewed = true;
          continue;
        }
        return parse(response);
      }
    }

    /** What is left of this call's budget (zero or negative once spent). */
    Duration remaining() {
      return Duration.between(clock.instant(), deadline);
    }

    /** Sends with the retry rules of 9.2.5 inside this call's budget. */
    HttpResponse<String> send(RequestFactory factory) throws ShotGridException {
      for (int attempt = 0; ; attempt++) {
        Duration remaining = remaining();
        if (remaining.isNegative() || remaining.isZero()) {
          throw new ShotGridException("timeout");
        }
        String reason;
        Duration delay = attempt < RETRY_DELAYS.length ? RETRY_DELAYS[attempt] : null;
        HttpRequest request;
        try {
          request = factory.create().timeout(remaining).build();
        } catch (IllegalArgumentException e) {
          // a site URL that is not an http(s) URL: nothing to connect to
          throw new ShotGridException("connection failed");
        }
        CompletableFuture<HttpResponse<String>> pending =
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
          HttpResponse<String> response = pending.get(remaining.toMillis(), TimeUnit.MILLISECONDS);
          int status = response.statusCode();
          if (status != 429 && status < 500) {
            return response;
          }
          reason = "HTTP " + status;
          Duration retryAfter = retryAfter(response);
          if (retryAfter != null && delay != null) {
            delay = retryAfter;
          }
        } catch (TimeoutException e) {
          pending.cancel(true);
          throw new ShotGridException("timeout");
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof HttpTimeoutException) {
            throw new ShotGridException("timeout");
          }
          LOG.log(Level.FINE, "ShotGrid connection failed: {0}", cause.getClass().getName());
          reason = "connection failed";
        } catch (InterruptedException e) {
          pending.cancel(true);
          Thread.currentThread().interrupt();
          throw new ShotGridException("connection failed");
        }
        if (delay == null || !clock.instant().plus(delay).isBefore(deadline)) {
          throw new ShotGridException(reason);
        }
        try {
          sleeper.sleep(delay);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ShotGridException(reason);
        }
      }
    }
  }

  @FunctionalInterface
  interface RequestFactory {
    HttpRequest.Builder create();
  }

  /**
   * A valid access token: the cached one until 30 s before it expires, else a new one. Callers
   * share one token request; waiting for it counts against the caller's own budget.
   */
  private String token(Call call) throws ShotGridException {
    try {
      if (!tokenLock.tryLock(call.remaining().toMillis(), TimeUnit.MILLISECONDS)) {
        throw new ShotGridException("timeout");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ShotGridException("connection failed");
    }
    try {
      if (accessToken != null && clock.instant().isBefore(renewAt)) {
        return accessToken;
      }
      String form =
          "grant_type=client_credentials&client_id="
              + URLEncoder.encode(settings.script().orElseThrow(), StandardCharsets.UTF_8)
              + "&client_secret="
              + URLEncoder.encode(settings.key().orElseThrow(), StandardCharsets.UTF_8);
      Instant requestedAt = clock.instant();
      JsonNode answer =
          parse(
              call.send(
                  () ->
                      request("/auth/access_token")
                          .header("Content-Type", "application/x-www-form-urlencoded")
                          .POST(HttpRequest.BodyPublishers.ofString(form))));
      JsonNode token = answer.get("access_token");
      if (token == null || !token.isTextual() || token.textValue().isEmpty()) {
        throw new ShotGridException("invalid response");
      }
      JsonNode expiresIn = answer.get("expires_in");
      // whole seconds below 10^9 (31 years); anything else is not a lifetime
      long lifetime = JsonNumbers.floor(expiresIn, 9, 0).map(BigDecimal::longValueExact)
          .orElse(DEFAULT_EXPIRES_IN);
      accessToken = token.textValue();
      renewAt = requestedAt.plusSeconds(lifetime).minus(TOKEN_MARGIN);
      return accessToken;
    } finally {
      tokenLock.unlock();
    }
  }

  /** Drops {@code token} after a 401 unless another call already replaced it. */
  private void forget(String token) {
    tokenLock.lock();
    try {
      if (token.equals(accessToken)) {
        accessToken = null;
      }
    } finally {
      tokenLock.unlock();
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(settings.url().orElseThrow() + API + path))
        .header("Accept", "application/json");
  }

  private static JsonNode parse(HttpResponse<String> response) throws ShotGridException {
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      throw new ShotGridException("HTTP " + status);
    }
    try {
      JsonNode body = Json.readCompact(response.body());
      if (body == null || !body.isObject()) {
        throw new ShotGridException("invalid response");
      }
      return body;
    } catch (IOException | NumberFormatException e) {
      // NumberFormatException: a number no BigDecimal can hold (1e-99999999999)
      throw new ShotGridException("invalid response");
    }
  }

  /** {@code Retry-After} in seconds, capped at 10 s; {@code null} when absent or not seconds. */
  static Duration retryAfter(HttpResponse<?> response) {
    String value = response.headers().firstValue("Retry-After").orElse(null);
    if (value == null) {
      return null;
    }
    try {
      double secondsValue = Double.parseDouble(value.trim());
      if (Double.isNaN(secondsValue) || secondsValue < 0) {
        return null;
      }
      Duration delay = Duration.ofMillis((long) Math.min(secondsValue * 1000, 10_000));
      return delay.compareTo(RETRY_AFTER_CAP) > 0 ? RETRY_AFTER_CAP : delay;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Duration seconds(double value) {
    return Duration.ofMillis(Math.max(1, Math.round(value * 1000)));
  }
}

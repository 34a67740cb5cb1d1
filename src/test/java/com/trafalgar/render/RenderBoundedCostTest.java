package com.trafalgar.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.config.RenderSettings;
import com.trafalgar.events.EventDomain;
import com.trafalgar.events.Frame;
import com.trafalgar.events.SnapshotSource;
import com.trafalgar.events.StreamHub;
import com.trafalgar.events.StreamPosition;
import com.trafalgar.events.StreamSubscriber;
import com.trafalgar.json.Json;
import com.trafalgar.render.farm.FarmJob;
import com.trafalgar.render.farm.FarmResult;
import com.trafalgar.render.farm.FarmSubmission;
import com.trafalgar.render.farm.MockFarmAdapter;
import com.trafalgar.render.farm.RenderFarmAdapter;
import com.trafalgar.render.farm.RenderFarmRegistry;
import com.trafalgar.testing.MutableClock;
import com.trafalgar.testing.SseText;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's bounded work in the render service: a job's frame count is computed once at
 * submission, a stream snapshot is serialised without holding the lock submissions need, and
 * {@code /render/health} names no absolute path and no exception class when the store is broken.
 */
class RenderBoundedCostTest {
  static final Instant START = Instant.parse("2024-05-12T14:30:45Z");
  static final String BODY = "{\"dcc\":\"maya\",\"scene\":\"/s.ma\",\"output\":\"/out\"";

  @TempDir Path dir;
  final MutableClock clock = new MutableClock(START);
  final List<RenderService> started = new ArrayList<>();

  RenderService service(RenderSettings settings, EventDomain domain) {
    RenderService service = new RenderService(settings, clock,
        RenderFarmRegistry.withBuiltIns(clock, settings), domain);
    service.start();
    started.add(service);
    return service;
  }

  static EventDomain domain() {
    return new EventDomain("render", 1024, 1, "jobs.snapshot", "jobs");
  }

  @AfterEach
  void stop() {
    started.forEach(RenderService::stop);
  }

  static ObjectNode body(String json) {
    try {
      return (ObjectNode) Json.mapper().readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The mock farm, recording every job it is asked about. */
  static final class SpyFarm implements RenderFarmAdapter {
    final MockFarmAdapter mock;
    final List<FarmJob> lookedUp = new CopyOnWriteArrayList<>();

    SpyFarm(MutableClock clock) {
      mock = new MockFarmAdapter(clock, BigDecimal.ONE);
    }

    @Override
    public String name() {
      return "spy";
    }

    @Override
    public FarmResult submit(FarmSubmission submission) {
      return mock.submit(submission);
    }

    @Override
    public Optional<FarmResult> lookupStatus(FarmJob job) {
      lookedUp.add(job);
      return mock.lookupStatus(job);
    }
  }

  @Test
  void theFrameCountIsComputedOnceAtSubmissionAndHandedToEveryLookup() {
    RenderService service = service(RenderSettings.inMemory(BigDecimal.ONE), domain());
    SpyFarm spy = new SpyFarm(clock);
    service.registerAdapter(spy);
    service.submit(body(BODY + ",\"farm\":\"spy\",\"frames\":\"1-100\"}"));
    // one second a frame, 100 frames: running from 1 s, completed at 101 s (API.md 5.5)
    clock.advance(Duration.ofSeconds(2));
    assertEquals("running", service.list(null, Set.of(), Set.of()).get(0).get("status").asText());
    clock.advance(Duration.ofSeconds(98));
    assertEquals("running", service.list(null, Set.of(), Set.of()).get(0).get("status").asText());
    clock.advance(Duration.ofSeconds(1));
    JsonNode listed = service.list(null, Set.of(), Set.of()).get(0);
    assertEquals("completed", listed.get("status").asText());
    assertEquals(3, spy.lookedUp.size());
    BigInteger counted = spy.lookedUp.get(0).frameCount();
    assertEquals(BigInteger.valueOf(100), counted);
    // the very object computed when the request was parsed: no lookup parsed the frames again
    for (FarmJob job : spy.lookedUp) {
      assertSame(counted, job.frameCount());
    }
  }

  /** A stream client that records what it is sent. */
  static final class Recorder extends StreamSubscriber {
    final List<Frame> written = new CopyOnWriteArrayList<>();

    Recorder(StreamHub hub) {
      super(hub);
    }

    @Override
    protected void drain() {
      for (Frame frame = queue.poll(); frame != null; frame = queue.poll()) {
        written.add(frame);
      }
      queue.writeCompleted(hub.now());
    }

    @Override
    protected void keepalive(long now) {}

    @Override
    protected void closeTransport(CloseCause cause) {}
  }

  @Test
  void aSubmissionCompletesWhileASnapshotIsBeingSerialised() throws Exception {
    EventDomain domain = domain();
    RenderService service = service(RenderSettings.inMemory(BigDecimal.ONE), domain);
    String first = service.submit(body(BODY + "}")).get("job_id").asText();
    // stall the building of the snapshot's JSON, wherever the service does it
    CountDownLatch building = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    SnapshotSource real = domain.snapshotSource();
    domain.snapshotSource(new SnapshotSource() {
      @Override
      public void refresh() {
        real.refresh();
      }

      @Override
      public ArrayNode items() {
        stall();
        return real.items();
      }

      // not annotated: a capture step is what this test asks the service to have
      public Supplier<ArrayNode> capture() {
        Supplier<ArrayNode> captured = real.capture();
        return () -> {
          stall();
          return captured.get();
        };
      }

      private void stall() {
        building.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    StreamHub hub = new StreamHub(domain, true, Runnable::run, clock::millis, 64, 30_000, 10_000);
    hub.start();
    Recorder client = new Recorder(hub);
    CompletableFuture<Void> connecting =
        CompletableFuture.runAsync(() -> hub.openSse(client, StreamPosition.ABSENT));
    try {
      assertTrue(building.await(10, TimeUnit.SECONDS), "the snapshot was never built");
      CompletableFuture<ObjectNode> submitting =
          CompletableFuture.supplyAsync(() -> service.submit(body(BODY + "}")));
      // generous: a submission that needs the lock the snapshot holds never finishes
      String second = submitting.get(10, TimeUnit.SECONDS).get("job_id").asText();
      assertFalse(connecting.isDone());
      release.countDown();
      connecting.get(10, TimeUnit.SECONDS);

      // the snapshot is the state at its id L; the job submitted meanwhile follows once, after L
      assertEquals(2, client.written.size(), client.written.toString());
      Frame snapshot = client.written.get(0);
      JsonNode jobs = Json.mapper().readTree(SseText.data(snapshot.sse())).get("jobs");
      assertEquals(1, jobs.size());
      assertEquals(first, jobs.get(0).get("job_id").asText());
      Frame created = client.written.get(1);
      assertEquals(snapshot.id() + 1, created.id());
      JsonNode event = Json.mapper().readTree(created.text());
      assertEquals("job.created", event.get("event").asText());
      assertEquals(second, event.get("job").get("job_id").asText());
    } finally {
      release.countDown();
      hub.stop();
    }
  }

  @Test
  void healthNamesNeitherAbsolutePathsNorExceptionClassesWhenTheStoreIsBroken()
      throws Exception {
    Path file = dir.resolve("store").resolve("jobs.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "[]");
    // a directory squatting on the rotation target: every snapshot write fails to rotate
    Files.createDirectories(file.resolveSibling("jobs.json.bak").resolve("squatter"));
    RenderService service = service(new RenderSettings(Optional.of(file), Optional.empty(),
        Optional.empty(), 0, 0, BigDecimal.ONE), domain());
    service.submit(body(BODY + "}"));
    String error = null;
    for (int i = 0; i < 200 && error == null; i++) {
      JsonNode value = service.health().get("render_history").get("store")
          .get("last_rotation_error");
      error = value.isNull() ? null : value.asText();
      if (error == null) {
        Thread.sleep(50);
      }
    }
    assertNotNull(error, "the rotation never failed");
    String health = service.health().toString();
    assertFalse(health.contains(dir.toString()), health);
    assertFalse(health.contains("Exception"), health);
    assertFalse(health.contains("java."), health);
    assertEquals("renaming jobs.json to jobs.json.bak failed: is a directory", error);
  }

  @Test
  void aStoreWithHostileNumbersLoadsPromptly() throws Exception {
    Path file = dir.resolve("hostile.json");
    String request = "{\"dcc\": \"maya\", \"scene\": \"/s\", \"output\": \"/o\","
        + " \"frames\": \"1-10\", \"farm\": \"mock\", \"chunk_size\": 5, \"user\": null,"
        + " \"priority\": ";
    Files.writeString(file, "[{\"job_id\": \"tiny-stamps\", \"farm\": \"mock\","
        + " \"status\": \"completed\", \"created_at\": 1e-40000000,"
        + " \"updated_at\": -1e-40000000, \"completed_at\": 1e40000000,"
        + " \"status_history\": [{\"status\": \"completed\", \"timestamp\": 1e-4000000}],"
        + " \"request\": " + request + "50}},"
        + " {\"job_id\": \"tiny-priority\", \"farm\": \"mock\", \"status\": \"queued\","
        + " \"created_at\": 1716195600, \"request\": " + request + "1e-40000000}}]");
    // generous: the old conversions took minutes for these eleven-byte numbers
    RenderService service = assertTimeoutPreemptively(
        Duration.ofSeconds(20), () -> service(new RenderSettings(Optional.of(file),
            Optional.empty(), Optional.empty(), 0, 0, BigDecimal.ONE), domain()));
    JsonNode jobs = service.list(null, Set.of(), Set.of());
    assertEquals(1, jobs.size(), jobs.toString());
    assertEquals("tiny-stamps", jobs.get(0).get("job_id").asText());
    assertEquals("1970-01-01T00:00:00+00:00", jobs.get(0).get("submitted_at").asText());
  }
}

package com.trafalgar.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.config.RenderSettings;
import com.trafalgar.events.DomainEvent;
import com.trafalgar.events.EventDomain;
import com.trafalgar.http.ApiException;
import com.trafalgar.json.Json;
import com.trafalgar.render.farm.CancellableRenderFarmAdapter;
import com.trafalgar.render.farm.FarmCapabilities;
import com.trafalgar.render.farm.FarmJob;
import com.trafalgar.render.farm.FarmResult;
import com.trafalgar.render.farm.FarmSubmission;
import com.trafalgar.render.farm.JobRejectedException;
import com.trafalgar.render.farm.RenderFarmAdapter;
import com.trafalgar.render.farm.RenderFarmRegistry;
import com.trafalgar.testing.MutableClock;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderServiceTest {
  static final Instant START = Instant.parse("2024-05-12T14:30:45Z");
  static final String TOKEN = "{\"dcc\":\"maya\",\"scene\":\"/s.ma\",\"output\":\"/out\"";

  @TempDir Path dir;
  final MutableClock clock = new MutableClock(START);
  final List<DomainEvent> events = new ArrayList<>();
  final List<RenderService> started = new ArrayList<>();

  RenderService service(RenderSettings settings) {
    EventDomain domain = new EventDomain("render", 1024, 1, "jobs.snapshot", "jobs");
    domain.subscribe(events::add);
    RenderService service = new RenderService(settings, clock,
        RenderFarmRegistry.withBuiltIns(clock, settings), domain);
    service.start();
    started.add(service);
    return service;
  }

  RenderService service() {
    return service(RenderSettings.inMemory(BigDecimal.ONE));
  }

  /** An in-memory service publishing to {@code domain}, for tests that read the domain. */
  RenderService service(EventDomain domain) {
    RenderSettings settings = RenderSettings.inMemory(BigDecimal.ONE);
    RenderService service = new RenderService(settings, clock,
        RenderFarmRegistry.withBuiltIns(clock, settings), domain);
    service.start();
    started.add(service);
    return service;
  }

  RenderSettings stored(Path path, Integer limit) {
    return new RenderSettings(Optional.of(path), Optional.ofNullable(limit), Optional.empty(),
        0, 0, BigDecimal.ONE);
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

  static JsonNode failure(Runnable action, int status) {
    ApiException e = assertThrows(ApiException.class, action::run);
    assertEquals(status, e.status(), e.body().toString());
    return e.body();
  }

  @Test
  void mockSubmissionAnswersFourFieldsAndPublishes() {
    RenderService service = service();
    ObjectNode answer = service.submit(body(TOKEN + ",\"frames\":\" 1-5x2, 7 \",\"user\":\" ana \"}"));
    assertEquals(List.of("job_id", "status", "farm_type", "message"), names(answer));
    assertTrue(answer.get("job_id").asText().matches("mock-[0-9a-f]{32}"));
    assertEquals("submitted", answer.get("status").asText());
    assertEquals("mock", answer.get("farm_type").asText());
    assertTrue(answer.get("message").isNull());
    assertEquals(1, events.size());
    assertEquals("job.created", events.get(0).name());
    JsonNode request = events.get(0).payload().get("job").get("request");
    assertEquals("{\"dcc\":\"maya\",\"scene\":\"/s.ma\",\"frames\":\"1-5x2,7\",\"output\":\"/out\","
        + "\"farm\":\"mock\",\"priority\":50,\"chunk_size\":5,\"user\":\"ana\"}",
        request.toString());
  }

  @Test
  void everyFailingFieldIsListedInOrder() {
    JsonNode body = failure(() -> service().submit(body(
        "{\"dcc\":\" Cobol \",\"scene\":5,\"frames\":\"1,,2\",\"output\":\"  \",\"farm\":\"  \","
            + "\"priority\":-1,\"chunk_size\":1.5,\"user\":\"\"}")), 422);
    assertEquals("[{\"type\":\"value_error\",\"loc\":[\"dcc\"],\"msg\":\"Unsupported DCC ' Cobol '."
        + " Choose one of: blender, houdini, max, maya, nuke.\"},"
        + "{\"type\":\"string_type\",\"loc\":[\"scene\"],\"msg\":\"Input should be a valid string\"},"
        + "{\"type\":\"value_error\",\"loc\":[\"frames\"],\"msg\":\"Frame range must be a comma "
        + "separated list of frames or ranges (e.g. 1-10,20-30x2).\"},"
        + "{\"type\":\"value_error\",\"loc\":[\"output\"],\"msg\":\"Value cannot be empty.\"},"
        + "{\"type\":\"value_error\",\"loc\":[\"farm\"],\"msg\":\"Unknown farm '  '. Choose one of: "
        + "deadline, mock, opencue, tractor.\"},"
        + "{\"type\":\"greater_than_equal\",\"loc\":[\"priority\"],"
        + "\"msg\":\"Input should be greater than or equal to 0\"},"
        + "{\"type\":\"int_type\",\"loc\":[\"chunk_size\"],\"msg\":\"Input should be a valid integer\"},"
        + "{\"type\":\"value_error\",\"loc\":[\"user\"],\"msg\":\"Value cannot be empty.\"}]",
        body.get("detail").toString());
    JsonNode missing = failure(() -> service().submit(body("{\"dcc\":null,\"priority\":\"5\"}")),
        422);
    assertEquals("[{\"type\":\"string_type\",\"loc\":[\"dcc\"],\"msg\":\"Input should be a valid string\"},"
        + "{\"type\":\"missing\",\"loc\":[\"scene\"],\"msg\":\"Field required\"},"
        + "{\"type\":\"missing\",\"loc\":[\"output\"],\"msg\":\"Field required\"},"
        + "{\"type\":\"int_type\",\"loc\":[\"priority\"],\"msg\":\"Input should be a valid integer\"}]",
        missing.get("detail").toString());
    assertTrue(events.isEmpty());
  }

  @Test
  void integralFloatsAreIntegersAndHugePrioritiesGetTheEnvelope() {
    RenderService service = service();
    service.submit(body(TOKEN + ",\"priority\":50.0,\"chunk_size\":1e1}"));
    JsonNode body = failure(() -> service.submit(
        body(TOKEN + ",\"priority\":1" + "0".repeat(39) + "}")), 422);
    assertEquals("Priority 1" + "0".repeat(39) + " exceeds the supported maximum of 100 "
        + "(--priority).", body.get("error").get("message").asText());
    assertEquals("1" + "0".repeat(39), body.get("error").get("context").get("priority").toString());
  }

  @Test
  void placeholderFarmsAnswer501() {
    JsonNode body = failure(() -> service().submit(
        body("{\"dcc\":\" MAYA\",\"scene\":\" /s.ma \",\"output\":\"/o\",\"farm\":\" Tractor \"}")),
        501);
    assertEquals("{\"error\":{\"code\":\"adapter.not_implemented\",\"message\":\"Tractor adapter is"
        + " not implemented yet.\",\"hint\":\"Switch to the mock adapter for local development or"
        + " configure the Tractor integration.\",\"context\":{\"adapter\":\"tractor\",\"scene\":"
        + "\"/s.ma\",\"dcc\":\"maya\"}}}", body.toString());
    assertTrue(events.isEmpty());
  }

  @Test
  void capabilityFailuresUseTheEnvelope() {
    JsonNode body = failure(() -> service().submit(body(TOKEN + ",\"priority\":200}")), 422);
    assertEquals("{\"error\":{\"code\":\"render.invalid_request\",\"message\":\"Priority 200 exceeds"
        + " the supported maximum of 100 (--priority).\",\"hint\":\"Check the farm capabilities and"
        + " adjust priority or chunk size values before retrying.\",\"context\":{\"farm\":\"mock\","
        + "\"priority\":200,\"chunk_size\":null}}}", body.toString());
  }

  @Test
  void adapterOutcomes() {
    RenderService service = service();
    List<String> counted = new ArrayList<>();
    service.countSubmissionsWith((farm, outcome) -> counted.add(farm + ":" + outcome));
    service.registerAdapter(adapter("rejects", s -> {
      throw new JobRejectedException("No.", "Try later.", Map.of("queue", "night"));
    }));
    service.registerAdapter(adapter("blank", s -> FarmResult.of(" ", null, null, null)));
    service.registerAdapter(adapter("broken", s -> {
      throw new IllegalStateException("boom");
    }));
    service.registerAdapter(adapter("lazy", s -> FarmResult.of("L1", " ", "", "hi")));
    service.registerAdapter(new RenderFarmAdapter() {
      public String name() {
        return "nocaps";
      }

      public FarmCapabilities capabilities() {
        throw new IllegalStateException("capabilities endpoint down");
      }

      public FarmResult submit(FarmSubmission submission) {
        return FarmResult.of("x", "queued", null, null);
      }
    });
    assertEquals("{\"error\":{\"code\":\"adapter.job_rejected\",\"message\":\"No.\",\"hint\":"
        + "\"Try later.\",\"context\":{\"queue\":\"night\"}}}",
        failure(() -> service.submit(body(TOKEN + ",\"farm\":\"rejects\"}")), 409).toString());
    assertEquals("{\"error\":{\"code\":\"adapter.error\",\"message\":\"Render farm 'blank' did not"
        + " return a job id.\",\"context\":{\"farm\":\"blank\"}}}",
        failure(() -> service.submit(body(TOKEN + ",\"farm\":\"blank\"}")), 502).toString());
    assertEquals("{\"detail\":\"Unexpected error while submitting render job.\"}",
        failure(() -> service.submit(body(TOKEN + ",\"farm\":\"broken\"}")), 500).toString());
    JsonNode caps = failure(() -> service.submit(body(TOKEN + ",\"farm\":\"nocaps\"}")), 400);
    assertEquals("render.capabilities_unavailable", caps.get("error").get("code").asText());
    assertEquals("Failed to query capabilities from 'nocaps' adapter: capabilities endpoint down",
        caps.get("error").get("message").asText());
    ObjectNode lazy = service.submit(body(TOKEN + ",\"farm\":\"lazy\"}"));
    assertEquals("{\"job_id\":\"L1\",\"status\":\"unknown\",\"farm_type\":\"lazy\","
        + "\"message\":\"hi\"}", lazy.toString());
    failure(() -> service.submit(body("{}")), 422);
    assertEquals(List.of("rejects:rejected", "blank:error", "broken:error", "nocaps:rejected",
        "lazy:accepted", "unknown:rejected"), counted);
  }

  interface Submit {
    FarmResult submit(FarmSubmission submission) throws Exception;
  }

  static RenderFarmAdapter adapter(String name, Submit submit) {
    return new RenderFarmAdapter() {
      public String name() {
        return name;
      }

      public FarmResult submit(FarmSubmission submission)
          throws com.trafalgar.render.farm.RenderFarmException {
        try {
          return submit.submit(submission);
        } catch (com.trafalgar.render.farm.RenderFarmException | RuntimeException e) {
          throw e;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    };
  }

  @Test
  void mockLifecycleFollowsTheClock() {
    RenderService service = service();
    String id = service.submit(body(TOKEN + ",\"frames\":\"1-3\"}")).get("job_id").asText();
    clock.advance(Duration.ofMillis(500));
    assertEquals("queued", service.job(id).get("status").asText());
    clock.advance(Duration.ofMillis(500));
    assertEquals("running", service.job(id).get("status").asText());
    assertEquals("running", service.job(id).get("status").asText());
    clock.advance(Duration.ofMillis(2999));
    assertEquals("running", service.job(id).get("status").asText());
    clock.advance(Duration.ofMillis(1));
    assertEquals("completed", service.job(id).get("status").asText());
    List<String> published = events.stream().map(DomainEvent::name).toList();
    assertEquals(List.of("job.created", "job.updated", "job.updated", "job.updated"), published);
    JsonNode metrics = service.metrics();
    assertEquals(1, metrics.get("statuses").get("completed").get("active").asInt());
    assertEquals(3.0, metrics.get("statuses").get("running").get("durations")
        .get("total_seconds").doubleValue());
    assertEquals(4.0, metrics.get("adapters").get("mock").get("average_completion_seconds")
        .doubleValue());
  }

  @Test
  void zeroSecondsPerFrameCompletesAtFirstRefresh() {
    RenderService service = service(RenderSettings.inMemory(BigDecimal.ZERO));
    String id = service.submit(body(TOKEN + "}")).get("job_id").asText();
    assertEquals("completed", service.job(id).get("status").asText());
  }

  @Test
  void historyLimitEvictsOldestAfterPublishingTheNewJob() {
    RenderService service = service(new RenderSettings(Optional.empty(), Optional.of(2),
        Optional.empty(), 0, 0, BigDecimal.ONE));
    String first = service.submit(body(TOKEN + "}")).get("job_id").asText();
    service.submit(body(TOKEN + "}"));
    service.submit(body(TOKEN + "}"));
    assertEquals(List.of("job.created", "job.created", "job.created", "job.removed"),
        events.stream().map(DomainEvent::name).toList());
    assertEquals("{\"event\":\"job.removed\",\"job\":{\"job_id\":\"" + first + "\"}}",
        events.get(3).data());
    failure(() -> service.job(first), 404);
    JsonNode history = service.health().get("render_history");
    assertEquals(2, history.get("history_size").asInt());
    assertEquals(2, history.get("history_limit").asInt());
    assertEquals(1, history.get("history_pruned_total").asInt());
    assertEquals(1, history.get("last_history_pruned").asInt());
    assertEquals("2024-05-12T14:30:45+00:00", history.get("last_history_prune_at").asText());
  }

  @Test
  void listingWalksNewestFirstFiltersAndStopsAtTheLimit() {
    RenderService service = service();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(service.submit(body(TOKEN + "}")).get("job_id").asText());
      clock.advance(Duration.ofSeconds(1));
    }
    List<String> listed = new ArrayList<>();
    service.list(2, Set.of(), Set.of()).forEach(job -> listed.add(job.get("job_id").asText()));
    assertEquals(List.of(ids.get(4), ids.get(3)), listed);
    // only the two newest were refreshed (the others still show "submitted")
    assertEquals(2, events.stream().filter(e -> e.name().equals("job.updated")).count());
    assertEquals(0, service.list(null, Set.of("submitted"), Set.of()).size());
    assertEquals(5, service.list(null, Set.of("running", "queued"), Set.of("mock")).size());
    assertEquals(0, service.list(null, Set.of(), Set.of("tractor")).size());
  }

  @Test
  void cancellationOutcomes() {
    RenderService service = service();
    failure(() -> service.cancel("nope"), 404);
    String mock = service.submit(body(TOKEN + "}")).get("job_id").asText();
    assertEquals("{\"error\":{\"code\":\"render.cancellation_unsupported\",\"message\":\"Render farm"
        + " 'mock' does not support job cancellation.\",\"hint\":\"Retry cancellation through the"
        + " farm's native tooling or use an adapter that exposes cancellation APIs.\",\"context\":"
        + "{\"farm\":\"mock\",\"job_id\":\"" + mock + "\"}}}",
        failure(() -> service.cancel(mock), 409).toString());
    service.registerAdapter(new CancellableRenderFarmAdapter() {
      public String name() {
        return "Studio";
      }

      public FarmResult submit(FarmSubmission submission) {
        return FarmResult.of("s-1", "queued", "studio-farm", null);
      }

      public FarmResult cancel(FarmJob job) {
        return FarmResult.of(job.jobId(), "cancelled", null, "Cancelled by request.");
      }
    });
    service.submit(body(TOKEN + ",\"farm\":\"studio\"}"));
    ObjectNode cancelled = service.cancel("s-1");
    assertEquals("cancelled", cancelled.get("status").asText());
    assertEquals("Cancelled by request.", cancelled.get("message").asText());
    assertEquals("studio-farm", cancelled.get("farm_type").asText());
    service.unregisterAdapter("studio");
    JsonNode gone = failure(() -> service.cancel("s-1"), 404);
    assertEquals("Unknown render farm 'studio' for job 's-1'.",
        gone.get("error").get("message").asText());
  }

  @Test
  void acknowledgedJobsSurviveARestart() throws IOException {
    Path file = dir.resolve("store/jobs.json");
    RenderService first = service(stored(file, null));
    String a = first.submit(body(TOKEN + "}")).get("job_id").asText();
    String b = first.submit(body(TOKEN + "}")).get("job_id").asText();
    assertTrue(Files.readString(file).contains(b), "small stores are current at once");
    try (var names = Files.list(file.getParent())) {
      // API.md 5.13.3: after a successful write only <file> exists
      assertEquals(List.of("jobs.json"), names.map(p -> p.getFileName().toString()).toList());
    }
    first.stop();
    started.remove(first);
    RenderService second = service(stored(file, null));
    List<String> listed = new ArrayList<>();
    second.list(null, Set.of(), Set.of()).forEach(job -> listed.add(job.get("job_id").asText()));
    assertEquals(List.of(b, a), listed);
    JsonNode store = second.health().get("render_history").get("store");
    assertEquals(2, store.get("retained_records").asInt());
    assertEquals("ok", store.get("state").asText());
    assertTrue(store.get("last_write_error").isNull());
    assertFalse(store.get("last_load_at").isNull());
  }

  @Test
  void storeFailureAnswers503ButKeepsTheJob() throws IOException {
    Path blocker = dir.resolve("not-a-directory");
    Files.writeString(blocker, "x");
    RenderService service = service(stored(blocker.resolve("jobs.json"), null));
    JsonNode body = failure(() -> service.submit(body(TOKEN + "}")), 503);
    assertEquals("render.store_unavailable", body.get("error").get("code").asText());
    String id = body.get("error").get("context").get("job_id").asText();
    assertEquals("Job '" + id + "' was accepted by farm 'mock' but could not be persisted.",
        body.get("error").get("message").asText());
    assertEquals("Check the job store path, permissions and free disk space.",
        body.get("error").get("hint").asText());
    // the job stays in memory and keeps its lifecycle
    assertEquals("queued", service.job(id).get("status").asText());
    assertEquals("job.created", events.get(0).name());
  }

  static CancellableRenderFarmAdapter studio() {
    return new CancellableRenderFarmAdapter() {
      public String name() {
        return "studio";
      }

      public FarmResult submit(FarmSubmission submission) {
        return FarmResult.of("s-1", "queued", null, null);
      }

      public FarmResult cancel(FarmJob job) {
        return FarmResult.of(job.jobId(), "cancelled", null, "Cancelled by request.");
      }
    };
  }

  @Test
  void aCancelThatCannotBeMadeDurableAnswers503AndChangesNothing() throws IOException {
    Path file = dir.resolve("jobs.json");
    RenderService service = service(stored(file, null));
    service.registerAdapter(studio());
    service.submit(body(TOKEN + ",\"farm\":\"studio\"}"));
    events.clear();
    // a directory where the journal goes: the cancel's journal write fails
    Path blocker = Files.createDirectories(dir.resolve("jobs.json.journal").resolve("blocker"));
    assertEquals("{\"error\":{\"code\":\"render.store_unavailable\",\"message\":"
        + "\"Cancellation of job 's-1' was accepted by farm 'studio' but could not be persisted.\","
        + "\"hint\":\"Check the job store path, permissions and free disk space.\","
        + "\"context\":{\"farm\":\"studio\",\"job_id\":\"s-1\"}}}",
        failure(() -> service.cancel("s-1"), 503).toString());
    assertEquals("queued", service.job("s-1").get("status").asText());
    assertTrue(events.isEmpty(), events.toString());
    JsonNode store = service.health().get("render_history").get("store");
    assertEquals("failing", store.get("state").asText());
    assertTrue(store.get("last_write_error").asText().contains("jobs.json.journal"),
        store.toString());
    service.stop();
    started.remove(service);
    Files.delete(blocker);
    Files.delete(blocker.getParent());

    RenderService restarted = service(stored(file, null));
    assertEquals("queued", restarted.job("s-1").get("status").asText());
    restarted.registerAdapter(studio());
    assertEquals("cancelled", restarted.cancel("s-1").get("status").asText());
    assertEquals(List.of("job.updated"), events.stream().map(DomainEvent::name).toList());
    // the change was in memory before the writer folded the journal into the snapshot
    assertTrue(Files.readString(file).contains("\"cancelled\""));
  }

  @Test
  void aCancelCarriesPendingPollerChangesAheadOfItself() throws Exception {
    Path file = dir.resolve("jobs.json");
    // the poller refreshes every 20 ms but writes its changes only hourly: they stay pending
    RenderSettings settings = new RenderSettings(Optional.of(file), Optional.empty(),
        Optional.empty(), 0.02, 3600, BigDecimal.ONE);
    RenderService service = service(settings);
    service.registerAdapter(new CancellableRenderFarmAdapter() {
      public String name() {
        return "studio";
      }

      public FarmResult submit(FarmSubmission submission) {
        return FarmResult.of("s-1", "queued", null, null);
      }

      public Optional<FarmResult> lookupStatus(FarmJob job) {
        return Optional.of(FarmResult.status(job.jobId(), "running"));
      }

      public FarmResult cancel(FarmJob job) {
        return FarmResult.of(job.jobId(), "cancelled", null, "Cancelled by request.");
      }
    });
    service.submit(body(TOKEN + ",\"farm\":\"studio\"}"));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!service.metrics().get("statuses").has("running") && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals("cancelled", service.cancel("s-1").get("status").asText());
    service.stop();
    started.remove(service);
    RenderService restarted = service(stored(file, null));
    assertEquals("cancelled", restarted.job("s-1").get("status").asText());
    // the status the poller saw before the cancel is part of the recorded history
    assertEquals(Set.of("queued", "running", "cancelled"),
        names(restarted.metrics().get("statuses")).stream().collect(java.util.stream.Collectors
            .toSet()));
  }

  @Test
  void hungAdaptersDoNotHangRequests() {
    RenderService service = service();
    service.adapterTimeouts(Duration.ofMillis(200), Duration.ofMillis(200));
    java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
    service.registerAdapter(new CancellableRenderFarmAdapter() {
      public String name() {
        return "hung";
      }

      public FarmResult submit(FarmSubmission submission) {
        if (submission.scene().equals("/hang")) {
          await(never);
        }
        return FarmResult.of("h-1", "queued", null, null);
      }

      public Optional<FarmResult> lookupStatus(FarmJob job) {
        await(never);
        return Optional.empty();
      }

      public FarmResult cancel(FarmJob job) {
        await(never);
        return null;
      }
    });
    JsonNode submit = failure(() -> service.submit(body(
        "{\"dcc\":\"maya\",\"scene\":\"/hang\",\"output\":\"/o\",\"farm\":\"hung\"}")), 503);
    assertEquals("adapter.unavailable", submit.get("error").get("code").asText());
    service.submit(body(TOKEN + ",\"farm\":\"hung\"}"));
    // the lookup times out and is ignored: the job keeps its recorded status
    assertEquals("queued", service.job("h-1").get("status").asText());
    assertEquals("Failed to cancel job 'h-1' on farm 'hung'.",
        failure(() -> service.cancel("h-1"), 503).get("error").get("message").asText());
    never.countDown();
  }

  static void await(java.util.concurrent.CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aStatusLookupThatStartedBeforeACancelDoesNotUndoIt() throws Exception {
    RenderService service = service();
    CountDownLatch lookupStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    service.registerAdapter(new CancellableRenderFarmAdapter() {
      public String name() {
        return "studio";
      }

      public FarmResult submit(FarmSubmission submission) {
        return FarmResult.of("s-1", "queued", null, null);
      }

      public Optional<FarmResult> lookupStatus(FarmJob job) {
        lookupStarted.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return Optional.of(FarmResult.status(job.jobId(), "running"));
      }

      public FarmResult cancel(FarmJob job) {
        return FarmResult.of(job.jobId(), "cancelled", null, "Cancelled by request.");
      }
    });
    service.submit(body(TOKEN + ",\"farm\":\"studio\"}"));
    // a GET's refresh asks the farm while the job is still queued...
    Thread read = new Thread(() -> service.job("s-1"));
    read.start();
    assertTrue(lookupStarted.await(10, TimeUnit.SECONDS));
    // ...the job is cancelled meanwhile, and the farm's older answer arrives afterwards
    assertEquals("cancelled", service.cancel("s-1").get("status").asText());
    release.countDown();
    read.join(10_000);
    assertEquals(new RenderSummary(1, Map.of("cancelled", 1), Map.of("studio", 1)),
        service.renderSummary());
  }

  @Test
  void pollerChangesAreThrottledAndFlushedWithTheNextWrite() throws IOException {
    Path file = dir.resolve("jobs.json");
    RenderService service = service(new RenderSettings(Optional.of(file), Optional.empty(),
        Optional.empty(), 3600, 3600, BigDecimal.ONE));
    String id = service.submit(body(TOKEN + "}")).get("job_id").asText();
    clock.advance(Duration.ofSeconds(2));
    // the snapshot source refreshes like a stream snapshot; GET is request-triggered
    service.job(id);
    service.stop();
    started.remove(service);
    assertTrue(Files.readString(file).contains("\"running\""));
  }

  @Test
  void snapshotSourceListsNewestFirst() {
    EventDomain domain = new EventDomain("render", 16, 1, "jobs.snapshot", "jobs");
    RenderService service = service(domain);
    String first = service.submit(body(TOKEN + "}")).get("job_id").asText();
    String second = service.submit(body(TOKEN + "}")).get("job_id").asText();
    clock.advance(Duration.ofSeconds(1));
    domain.snapshotSource().refresh();
    JsonNode items = domain.snapshotSource().items();
    assertEquals(second, items.get(0).get("job_id").asText());
    assertEquals(first, items.get(1).get("job_id").asText());
    assertEquals("running", items.get(0).get("status").asText());
    assertEquals(new com.trafalgar.render.RenderSummary(2, Map.of("running", 2),
        Map.of("mock", 2)), service.renderSummary());
  }

  @Test
  void aStreamSnapshotSerialisesEachJobAsItsDocumentAndFollowsChanges() throws IOException {
    EventDomain domain = new EventDomain("render", 16, 1, "jobs.snapshot", "jobs");
    RenderService service = service(domain);
    for (int i = 0; i < 3; i++) {
      service.submit(body(TOKEN + ",\"frames\":\"1-" + (i + 2) + "\"}"));
    }
    String first = Json.compact(domain.snapshotSource().capture().get());
    assertEquals(Json.compact(domain.snapshotSource().items()), first);
    assertEquals(3, Json.mapper().readTree(first).size());
    assertFalse(first.contains("\"status\":\"running\""));
    // the jobs change: the next snapshot serialises their new values, not the kept JSON
    clock.advance(Duration.ofSeconds(1));
    domain.snapshotSource().refresh();
    String second = Json.compact(domain.snapshotSource().capture().get());
    assertEquals(Json.compact(domain.snapshotSource().items()), second);
    assertEquals(3, second.split("\"status\":\"running\"", -1).length - 1);
    assertEquals(second, Json.compact(domain.snapshotPayload().get("jobs")));
  }

  @Test
  void aRefreshThatChangesNothingDoesNotWaitForTheDomainLock() throws Exception {
    EventDomain domain = new EventDomain("render", 16, 1, "jobs.snapshot", "jobs");
    domain.subscribe(events::add);
    RenderService service = service(domain);
    String id = service.submit(body(TOKEN + ",\"frames\":\"1-100\"}")).get("job_id").asText();
    clock.advance(Duration.ofSeconds(1));
    domain.snapshotSource().refresh();
    int published = events.size();
    java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    Thread holder = new Thread(() -> domain.atomically(() -> {
      held.countDown();
      try {
        release.await(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    holder.start();
    try {
      assertTrue(held.await(5, java.util.concurrent.TimeUnit.SECONDS));
      // the farm still answers "running": a snapshot's refresh and a GET finish while a
      // submission (here: the holder) has the lock
      java.util.concurrent.CompletableFuture<String> status =
          java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            domain.snapshotSource().refresh();
            return service.job(id).get("status").asText();
          });
      assertEquals("running", status.get(5, java.util.concurrent.TimeUnit.SECONDS));
      assertEquals(published, events.size());
    } finally {
      release.countDown();
      holder.join(5000);
    }
  }

  @Test
  void farmsAreDescribedSortedByName() {
    RenderService service = service();
    service.registerAdapter(adapter("bare", s -> null));
    JsonNode farms = service.farms().get("farms");
    assertEquals(List.of("bare", "deadline", "mock", "opencue", "tractor"),
        farms.findValuesAsText("name"));
    assertEquals("{\"name\":\"bare\",\"description\":\"Render farm adapter registered as 'bare'.\","
        + "\"capabilities\":{\"priority\":{\"default\":null,\"minimum\":null,\"maximum\":null},"
        + "\"chunking\":{\"enabled\":false,\"minimum\":null,\"maximum\":null,\"default\":null},"
        + "\"cancellation\":{\"supported\":false}}}", farms.get(0).toString());
    assertEquals("{\"name\":\"tractor\",\"description\":\"Pixar Tractor render farm (stub).\","
        + "\"capabilities\":{\"priority\":{\"default\":75,\"minimum\":1,\"maximum\":150},"
        + "\"chunking\":{\"enabled\":true,\"minimum\":1,\"maximum\":30,\"default\":8},"
        + "\"cancellation\":{\"supported\":false}}}", farms.get(4).toString());
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}

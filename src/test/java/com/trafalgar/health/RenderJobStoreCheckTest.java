package com.trafalgar.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.config.RenderSettings;
import com.trafalgar.events.EventDomain;
import com.trafalgar.http.ApiException;
import com.trafalgar.json.Json;
import com.trafalgar.render.RenderService;
import com.trafalgar.render.farm.RenderFarmRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readiness of the job store over a real service and real files. */
class RenderJobStoreCheckTest {
  static final String BODY = "{\"dcc\":\"maya\",\"scene\":\"/s.ma\",\"output\":\"/o\"}";

  @TempDir Path dir;
  RenderService service;

  /** The readiness verdict over the running service, as the check computes it. */
  interface Check {
    RenderJobStoreCheck.Verdict call();
  }

  Check check(Path store) {
    RenderSettings settings = new RenderSettings(Optional.ofNullable(store), Optional.empty(),
        Optional.empty(), 0, 0, BigDecimal.ONE);
    Clock clock = Clock.systemUTC();
    service = new RenderService(settings, clock, RenderFarmRegistry.withBuiltIns(clock, settings),
        new EventDomain("render", 16, 1, "jobs.snapshot", "jobs"));
    service.start();
    return () -> RenderJobStoreCheck.verdict(service.storePath(), service.storeState());
  }

  @AfterEach
  void stop() {
    if (service != null) {
      service.stop();
    }
  }

  static ObjectNode body() throws IOException {
    return (ObjectNode) Json.mapper().readTree(BODY);
  }

  int submit() throws IOException {
    try {
      service.submit(body());
      return 201;
    } catch (ApiException e) {
      assertEquals("render.store_unavailable", e.body().get("error").get("code").asText());
      return e.status();
    }
  }

  @Test
  void upWithoutAStoreAndWithAHealthyOne() throws IOException {
    assertEquals(new RenderJobStoreCheck.Verdict(true, false, null), check(null).call());
    service.stop();
    Check on = check(dir.resolve("jobs.json"));
    assertEquals(201, submit());
    assertEquals(new RenderJobStoreCheck.Verdict(true, true, "ok"), on.call());
  }

  @Test
  void aFailingStoreStaysUpSoItsWriterCanRecover() throws IOException {
    Check check = check(dir.resolve("jobs.json"));
    Path blocker = Files.createDirectories(dir.resolve("jobs.json.journal").resolve("x"));
    assertEquals(503, submit());
    assertEquals(new RenderJobStoreCheck.Verdict(true, true, "failing"), check.call());
    Files.delete(blocker);
    Files.delete(blocker.getParent());
    assertEquals(201, submit());
    assertEquals(new RenderJobStoreCheck.Verdict(true, true, "ok"), check.call());
  }

  @Test
  void aDeadWriterMakesTheStoreDownAndSubmissionsFailFast() throws IOException {
    Check check = check(dir.resolve("jobs.json"));
    Files.createDirectories(dir.resolve("jobs.json.journal").resolve("x"));
    Logger log = Logger.getLogger("com.trafalgar.render.JobJournal");
    AtomicBoolean armed = new AtomicBoolean(true);
    Handler failing = new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (record.getLevel() == Level.SEVERE && armed.getAndSet(false)) {
          throw new OutOfMemoryError("injected by the test: logging failed");
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    log.addHandler(failing);
    try {
      assertEquals(503, submit());
    } finally {
      log.removeHandler(failing);
    }
    assertEquals(new RenderJobStoreCheck.Verdict(false, true, "down"), check.call());
    assertEquals("down", service.health().get("render_history").get("store").get("state")
        .asText());
    long start = System.nanoTime();
    assertEquals(503, submit());
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2),
        "a dead writer must not make submissions wait for the store timeout");
  }

  @Test
  void aStoreWithoutAFileIsEnabledAndItsPathSettingIgnored() {
    RenderSettings settings = new RenderSettings(Optional.of(Path.of("/proc/not-writable/j.json")),
        Optional.empty(), Optional.empty(), 0, 0, BigDecimal.ONE);
    Clock clock = Clock.systemUTC();
    com.trafalgar.render.JobStore database = new com.trafalgar.render.JobStore() {
      @Override
      public java.util.List<com.trafalgar.render.RenderJob> load() {
        return java.util.List.of();
      }

      @Override
      public void open(java.util.List<String> evicted, History history) {
      }

      @Override
      public java.util.concurrent.CompletableFuture<Void> append(
          java.util.List<com.trafalgar.render.JobChange> changes, Runnable onDurable) {
        return java.util.concurrent.CompletableFuture.completedFuture(null);
      }

      @Override
      public com.trafalgar.render.StoreStats stats() {
        return new com.trafalgar.render.StoreStats(0, 0, 0, null, null, null, null, null, null,
            "ok", null);
      }

      @Override
      public void close() {
      }
    };
    service = new RenderService(settings, clock, RenderFarmRegistry.withBuiltIns(clock, settings),
        new EventDomain("render", 16, 1, "jobs.snapshot", "jobs"), Optional.of(database));
    service.start();
    assertEquals(new RenderJobStoreCheck.Verdict(true, true, "ok"),
        RenderJobStoreCheck.verdict(service.storePath(), service.storeState()));
  }
}

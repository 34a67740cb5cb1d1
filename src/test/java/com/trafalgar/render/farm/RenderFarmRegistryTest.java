package com.trafalgar.render.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.trafalgar.config.RenderSettings;
import com.trafalgar.testing.MutableClock;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenderFarmRegistryTest {
  static final Instant T = Instant.parse("2024-05-12T14:30:45Z");

  static RenderFarmAdapter adapter(String name) {
    return new RenderFarmAdapter() {
      public String name() {
        return name;
      }

      public FarmResult submit(FarmSubmission submission) {
        return FarmResult.of("x", "queued", null, null);
      }
    };
  }

  @Test
  void builtInsAreRegisteredAndProgrammaticRegistrationReplaces() {
    RenderFarmRegistry registry = RenderFarmRegistry.withBuiltIns(Clock.fixed(T, ZoneOffset.UTC),
        RenderSettings.inMemory(BigDecimal.ONE));
    assertEquals(List.of("deadline", "mock", "opencue", "tractor"), registry.names());
    RenderFarmAdapter studio = adapter(" Deadline ");
    FarmCapabilities caps = new FarmCapabilities(1, 0, 2, false, null, null, null, true);
    registry.register(studio, caps);
    assertSame(studio, registry.find("deadline").orElseThrow().adapter());
    assertSame(caps, registry.find("deadline").orElseThrow().effectiveCapabilities());
    registry.unregister("DEADLINE ");
    assertEquals(List.of("mock", "opencue", "tractor"), registry.names());
    assertThrows(IllegalArgumentException.class, () -> registry.register(adapter("  ")));
  }

  @Test
  void duplicateBeanNamesAreNamedInTheError() {
    IllegalStateException failure = assertThrows(IllegalStateException.class,
        () -> RenderFarmRegistry.checkUniqueNames(List.of(adapter("Studio"), adapter("other"),
            adapter(" studio"))));
    assertTrue(failure.getMessage().contains("'studio'"), failure.getMessage());
    RenderFarmRegistry.checkUniqueNames(List.of(adapter("a"), adapter("b")));
  }

  @Test
  void mockStatusFollowsElapsedTime() {
    MutableClock clock = new MutableClock(T);
    MockFarmAdapter mock = new MockFarmAdapter(clock, new BigDecimal("0.5"));
    FarmJob job = new FarmJob("mock-1", "mock", T,
        new FarmSubmission("maya", "/s", "1-2,10", "/o", 50, 5, "ana"));
    assertEquals("queued", mock.statusAt(job));
    clock.advance(Duration.ofMillis(499));
    assertEquals("queued", mock.statusAt(job));
    clock.advance(Duration.ofMillis(1));
    assertEquals("running", mock.statusAt(job));
    clock.advance(Duration.ofMillis(1499));
    assertEquals("running", mock.statusAt(job));
    clock.advance(Duration.ofMillis(1));
    assertEquals("completed", mock.statusAt(job));
    assertEquals("completed", new MockFarmAdapter(clock, BigDecimal.ZERO).statusAt(job));
    FarmResult submitted = mock.submit(job.request());
    assertTrue(submitted.jobId().matches("mock-[0-9a-f]{32}"));
    assertEquals(FarmResult.of(submitted.jobId(), "submitted", "mock", null), submitted);
  }
}

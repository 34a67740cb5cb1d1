package com.trafalgar.render.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.trafalgar.testing.MutableClock;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The mock farm's status lookup uses the frame count given with the job (API.md 5.5). */
class MockFarmAdapterTest {
  static final Instant T = Instant.parse("2024-05-12T14:30:45Z");

  @Test
  void statusComesFromTheRecordedFrameCountWithoutParsingTheFrames() {
    MutableClock clock = new MutableClock(T);
    MockFarmAdapter mock = new MockFarmAdapter(clock, BigDecimal.ONE);
    // frames that do not even parse: a lookup that parsed them would throw
    FarmSubmission request = new FarmSubmission("maya", "/s", "not frames", "/o", 50, 5, null);
    assertThrows(IllegalArgumentException.class, () -> Frames.parse(request.frames()));
    FarmJob job = new FarmJob("mock-1", "mock", T, request, BigInteger.valueOf(3));
    assertEquals("queued", mock.statusAt(job));
    clock.advance(Duration.ofSeconds(1));
    assertEquals("running", mock.statusAt(job));
    clock.advance(Duration.ofMillis(2999));
    assertEquals("running", mock.statusAt(job));
    clock.advance(Duration.ofMillis(1));
    assertEquals("completed", mock.statusAt(job));
  }

  @Test
  void aJobBuiltWithoutACountGetsTheCountOfItsFrames() {
    FarmJob job = new FarmJob("mock-1", "mock", T,
        new FarmSubmission("maya", "/s", "1-5x2,7", "/o", 50, 5, null));
    assertEquals(BigInteger.valueOf(4), job.frameCount());
  }
}

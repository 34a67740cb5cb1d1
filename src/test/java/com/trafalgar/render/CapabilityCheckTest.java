package com.trafalgar.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.trafalgar.render.farm.FarmCapabilities;
import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CapabilityCheckTest {
  static final FarmCapabilities MOCK = new FarmCapabilities(50, 0, 100, true, 1, 10, 5, false);
  static final FarmCapabilities TRACTOR = new FarmCapabilities(75, 1, 150, true, 1, 30, 8, false);
  static final FarmCapabilities NO_CHUNKS =
      new FarmCapabilities(null, null, null, false, null, null, 4, false);

  private static Optional<String> violation(FarmCapabilities caps, Integer priority,
      Integer chunk) {
    return CapabilityCheck.of(caps, priority == null ? null : BigInteger.valueOf(priority),
        chunk == null ? null : BigInteger.valueOf(chunk)).violation();
  }

  @Test
  void defaultsComeFromTheFarm() {
    CapabilityCheck check = CapabilityCheck.of(TRACTOR, null, null);
    assertEquals(BigInteger.valueOf(75), check.priority());
    assertEquals(BigInteger.valueOf(8), check.chunkSize());
    assertTrue(check.violation().isEmpty());
  }

  @Test
  void noMetadataMeansPriorityFiftyAndNoChunkSize() {
    CapabilityCheck check = CapabilityCheck.of(null, null, null);
    assertEquals(BigInteger.valueOf(50), check.priority());
    assertNull(check.chunkSize());
    // disabled chunking ignores the default chunk size
    assertNull(CapabilityCheck.of(NO_CHUNKS, null, null).chunkSize());
    assertEquals(BigInteger.valueOf(50), CapabilityCheck.of(NO_CHUNKS, null, null).priority());
  }

  @Test
  void priorityBoundsAreCheckedFirst() {
    assertEquals("Priority 200 exceeds the supported maximum of 100 (--priority).",
        violation(MOCK, 200, 50).orElseThrow());
    assertEquals("Priority 0 is below the supported minimum of 1 (--priority).",
        violation(TRACTOR, 0, null).orElseThrow());
    assertTrue(violation(MOCK, 100, 10).isEmpty());
    assertTrue(violation(MOCK, 0, 1).isEmpty());
  }

  @Test
  void chunkRules() {
    assertEquals("Chunk sizing is not supported by this adapter (--chunk-size).",
        violation(NO_CHUNKS, 5, 1).orElseThrow());
    assertEquals("Chunk size 11 exceeds the supported maximum of 10 (--chunk-size).",
        violation(MOCK, null, 11).orElseThrow());
    FarmCapabilities min5 = new FarmCapabilities(null, null, null, true, 5, null, null, false);
    assertEquals("Chunk size 2 is below the supported minimum of 5 (--chunk-size).",
        violation(min5, null, 2).orElseThrow());
    // null bounds are not checked
    assertTrue(violation(min5, 1_000_000, 1_000_000).isEmpty());
  }

  @Test
  void hugeValuesAreComparedExactly() {
    BigInteger huge = new BigInteger("1" + "0".repeat(39));
    assertEquals("Priority " + huge + " exceeds the supported maximum of 100 (--priority).",
        CapabilityCheck.of(MOCK, huge, null).violation().orElseThrow());
  }
}

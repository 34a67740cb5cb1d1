package com.trafalgar.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrameTest {
  @Test
  void anSseOnlyFrameHasTheBytesOfTheSameMessageAndNoText() {
    String data = "{\"event\":\"jobs.snapshot\",\"jobs\":[{\"scene\":\"/mnt/é/シーン.nk\"}]}";
    Frame both = Frame.message(42, "jobs.snapshot", data);
    Frame sseOnly = Frame.sseOnly(42, "jobs.snapshot", data.getBytes(StandardCharsets.UTF_8));
    assertArrayEquals(both.sse(), sseOnly.sse());
    assertEquals(42, sseOnly.id());
    assertEquals("", sseOnly.text());
  }
}

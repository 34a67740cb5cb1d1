package com.trafalgar.testing;

import java.nio.charset.StandardCharsets;

/** Reads an encoded SSE frame the way a client would, for tests that check what was written. */
public final class SseText {
  private SseText() {
  }

  /** The value of the frame's {@code data:} line. */
  public static String data(byte[] frame) {
    String text = new String(frame, StandardCharsets.UTF_8);
    int start = text.indexOf("data: ") + "data: ".length();
    int end = text.indexOf('\n', start);
    return end < 0 ? text.substring(start) : text.substring(start, end);
  }
}

package com.trafalgar.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition another thread or process makes true, failing after a deadline. */
public final class Eventually {
  private Eventually() {}

  /** Polls {@code condition} every 20 ms until it holds; an {@link AssertionError} after limit. */
  public static void waitFor(Duration limit, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("condition not met within " + limit.toMillis() + " ms");
      }
      Thread.sleep(20);
    }
  }
}

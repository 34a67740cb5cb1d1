package com.trafalgar.shotgrid;

import java.time.Duration;

/** Waits between ShotGrid retries; injectable so unit tests record delays instead of waiting. */
@FunctionalInterface
public interface Sleeper {
  void sleep(Duration delay) throws InterruptedException;

  /** The real sleeper. */
  static Sleeper system() {
    return delay -> Thread.sleep(delay.toMillis());
  }
}

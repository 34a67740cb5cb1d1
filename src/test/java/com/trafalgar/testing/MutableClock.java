package com.trafalgar.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The one clock unit tests move by hand (TTLs, token expiry, call budgets, job lifecycles), so
 * time-dependent logic is tested without sleeping.
 */
public final class MutableClock extends Clock {
  private volatile Instant now;

  public MutableClock(Instant start) {
    this.now = start;
  }

  /** Starting at an ISO-8601 instant such as {@code 2024-05-20T09:00:00Z}. */
  public MutableClock(String start) {
    this(Instant.parse(start));
  }

  public void advance(Duration by) {
    now = now.plus(by);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}

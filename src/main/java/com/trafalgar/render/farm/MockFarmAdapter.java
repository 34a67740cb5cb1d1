package com.trafalgar.render.farm;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The built-in {@code mock} farm (API.md 5.5): accepts every job and derives its status from the
 * time elapsed since submission, so a simulated job keeps progressing across restarts.
 */
public final class MockFarmAdapter implements RenderFarmAdapter {
  public static final String NAME = "mock";
  static final FarmCapabilities CAPABILITIES =
      new FarmCapabilities(50, 0, 100, true, 1, 10, 5, false);

  private final Clock clock;
  private final BigDecimal secondsPerFrame;

  /**
   * @param clock the service clock
   * @param secondsPerFrame {@code TRAFALGAR_MOCK_FARM_SECONDS_PER_FRAME}
   */
  public MockFarmAdapter(Clock clock, BigDecimal secondsPerFrame) {
    this.clock = clock;
    this.secondsPerFrame = secondsPerFrame;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Mock render farm for testing and demos.";
  }

  @Override
  public FarmCapabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public FarmResult submit(FarmSubmission submission) {
    byte[] id = new byte[16];
    ThreadLocalRandom.current().nextBytes(id);
    return FarmResult.of("mock-" + HexFormat.of().formatHex(id), "submitted", NAME, null);
  }

  @Override
  public Optional<FarmResult> lookupStatus(FarmJob job) {
    return Optional.of(FarmResult.status(job.jobId(), statusAt(job)));
  }

  /** The simulated status of {@code job} now. */
  String statusAt(FarmJob job) {
    if (secondsPerFrame.signum() == 0) {
      return "completed";
    }
    Duration elapsed = Duration.between(job.submittedAt(), clock.instant());
    BigDecimal seconds = BigDecimal.valueOf(elapsed.getSeconds())
        .add(BigDecimal.valueOf(elapsed.getNano(), 9));
    if (seconds.compareTo(secondsPerFrame) < 0) {
      return "queued";
    }
    // counted once at submission: this runs for every active job on every poll
    BigDecimal done =
        secondsPerFrame.multiply(new BigDecimal(job.frameCount().add(BigInteger.ONE)));
    return seconds.compareTo(done) < 0 ? "running" : "completed";
  }
}

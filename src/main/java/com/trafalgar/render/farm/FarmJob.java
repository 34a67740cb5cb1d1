package com.trafalgar.render.farm;

import java.math.BigInteger;
import java.time.Instant;

/**
 * A recorded job as an adapter sees it for a status lookup or a cancellation.
 *
 * @param frameCount the frame count of {@code request.frames()} (API.md 5.3.2), computed once at
 *     submission: a lookup runs on every refresh and poll, and must not parse the frames again
 */
public record FarmJob(String jobId, String farm, Instant submittedAt, FarmSubmission request,
    BigInteger frameCount) {

  /** A job whose frame count is computed from its request's frames (tests, tools). */
  public FarmJob(String jobId, String farm, Instant submittedAt, FarmSubmission request) {
    this(jobId, farm, submittedAt, request, Frames.parse(request.frames()).frameCount());
  }
}

package com.trafalgar.render;

/**
 * One change of the job history as a {@link JobStore} records it, in the order the history made
 * it: a job recorded or changed ({@link Put}, the whole job), or a job evicted by the history
 * limit ({@link Remove}, API.md 5.12).
 */
public sealed interface JobChange {
  /**
   * The job as it now is; replaces any stored job with the same id (idempotent).
   *
   * @param created whether this put records a new job ({@code job.created}) rather than a change
   *     of a known one ({@code job.updated}): a store that logs the job events with its rows
   *     (clustered mode) names the event by it
   */
  record Put(RenderJob job, boolean created) implements JobChange {}

  /** The job left the history; removing an unknown id is not an error. */
  record Remove(String jobId) implements JobChange {}

  /** A changed job ({@code job.updated}). */
  static JobChange put(RenderJob job) {
    return new Put(job, false);
  }

  /** A new job ({@code job.created}). */
  static JobChange created(RenderJob job) {
    return new Put(job, true);
  }

  static JobChange remove(String jobId) {
    return new Remove(jobId);
  }
}

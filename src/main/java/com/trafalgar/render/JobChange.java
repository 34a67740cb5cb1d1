package com.trafalgar.render;

/**
 * One change of the job history as a {@link JobStore} records it, in the order the history made
 * it: a job recorded or changed ({@link Put}, the whole job), or a job evicted by the history
 * limit ({@link Remove}, API.md 5.12).
 */
public sealed interface JobChange {
  /** The job as it now is; replaces any stored job with the same id (idempotent). */
  record Put(RenderJob job) implements JobChange {}

  /** The job left the history; removing an unknown id is not an error. */
  record Remove(String jobId) implements JobChange {}

  static JobChange put(RenderJob job) {
    return new Put(job);
  }

  static JobChange remove(String jobId) {
    return new Remove(jobId);
  }
}

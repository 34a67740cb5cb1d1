package com.trafalgar.render.farm;

/**
 * An adapter's answer about one job. {@code messageSet = false} leaves the stored message
 * unchanged when the result is applied to an existing job (API.md 5.4).
 */
public record FarmResult(
    String jobId, String status, String farmType, String message, boolean messageSet) {

  /** A result that sets {@code message} (which may be {@code null}). */
  public static FarmResult of(String jobId, String status, String farmType, String message) {
    return new FarmResult(jobId, status, farmType, message, true);
  }

  /** A status-only result that leaves the stored message alone. */
  public static FarmResult status(String jobId, String status) {
    return new FarmResult(jobId, status, null, null, false);
  }
}

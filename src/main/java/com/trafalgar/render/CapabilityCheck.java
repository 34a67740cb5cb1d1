package com.trafalgar.render;

import com.trafalgar.http.ValidationError;
import com.trafalgar.http.ValidationException;
import com.trafalgar.render.farm.FarmCapabilities;
import com.trafalgar.render.farm.FarmSubmission;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * Capability validation of a submission (API.md 5.3.3): the effective priority and chunk size,
 * and the first rule they break.
 *
 * @param priority the effective priority
 * @param chunkSize the effective chunk size, {@code null} when none
 * @param violation the first failing rule's message, if any
 */
public record CapabilityCheck(BigInteger priority, BigInteger chunkSize,
    Optional<String> violation) {

  /**
   * @param capabilities the farm's capabilities ({@code null}: no metadata)
   * @param priority the request's priority or {@code null}
   * @param chunkSize the request's chunk size or {@code null}
   */
  public static CapabilityCheck of(FarmCapabilities capabilities, BigInteger priority,
      BigInteger chunkSize) {
    FarmCapabilities caps = capabilities != null ? capabilities
        : new FarmCapabilities(null, null, null, false, null, null, null, false);
    BigInteger effectivePriority = priority != null ? priority
        : caps.defaultPriority() != null ? BigInteger.valueOf(caps.defaultPriority())
        : BigInteger.valueOf(50);
    BigInteger effectiveChunk = chunkSize != null ? chunkSize
        : caps.chunkingEnabled() && caps.defaultChunkSize() != null
            ? BigInteger.valueOf(caps.defaultChunkSize()) : null;
    String violation = null;
    if (below(effectivePriority, caps.priorityMin())) {
      violation = "Priority " + effectivePriority + " is below the supported minimum of "
          + caps.priorityMin() + " (--priority).";
    } else if (above(effectivePriority, caps.priorityMax())) {
      violation = "Priority " + effectivePriority + " exceeds the supported maximum of "
          + caps.priorityMax() + " (--priority).";
    } else if (chunkSize != null && !caps.chunkingEnabled()) {
      violation = "Chunk sizing is not supported by this adapter (--chunk-size).";
    } else if (effectiveChunk != null && below(effectiveChunk, caps.chunkSizeMin())) {
      violation = "Chunk size " + effectiveChunk + " is below the supported minimum of "
          + caps.chunkSizeMin() + " (--chunk-size).";
    } else if (effectiveChunk != null && above(effectiveChunk, caps.chunkSizeMax())) {
      violation = "Chunk size " + effectiveChunk + " exceeds the supported maximum of "
          + caps.chunkSizeMax() + " (--chunk-size).";
    }
    return new CapabilityCheck(effectivePriority, effectiveChunk, Optional.ofNullable(violation));
  }

  /**
   * What the farm is sent for {@code request}: these effective values, which must fit the adapter
   * SPI's {@code int}s (a larger one is a 422 naming its field), and {@code defaultUser} when the
   * request names no user.
   */
  FarmSubmission submission(JobRequest request, String defaultUser) {
    int effectivePriority = fitsInt(priority, "priority");
    Integer effectiveChunk = chunkSize == null ? null : fitsInt(chunkSize, "chunk_size");
    return new FarmSubmission(request.dcc(), request.scene(), request.frames(), request.output(),
        effectivePriority, effectiveChunk,
        request.user() != null ? request.user() : defaultUser);
  }

  private static int fitsInt(BigInteger value, String field) {
    BigInteger max = BigInteger.valueOf(Integer.MAX_VALUE);
    if (value.compareTo(max) > 0) {
      throw new ValidationException(ValidationError.lessThanEqual(List.of(field), max));
    }
    return value.intValueExact();
  }

  private static boolean below(BigInteger value, Integer bound) {
    return bound != null && value.compareTo(BigInteger.valueOf(bound)) < 0;
  }

  private static boolean above(BigInteger value, Integer bound) {
    return bound != null && value.compareTo(BigInteger.valueOf(bound)) > 0;
  }
}

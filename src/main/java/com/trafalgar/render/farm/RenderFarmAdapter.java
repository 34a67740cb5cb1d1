package com.trafalgar.render.farm;

import java.util.Optional;

/**
 * A render farm adapter (API.md 12): submits jobs to one farm and optionally reports their
 * status. Make it a CDI bean to have it registered at startup under {@link #name()}, or register
 * it through {@link RenderFarmRegistry}.
 */
public interface RenderFarmAdapter {
  /** The farm key; trimmed and lower-cased when registered. */
  String name();

  /** Shown in {@code /render/farms}; {@code null} means "Render farm adapter registered as …". */
  default String description() {
    return null;
  }

  /** Called each time farms are listed and at each submission; {@code null} = no metadata. */
  default FarmCapabilities capabilities() {
    return null;
  }

  /** Submits a job. Declared failures are {@link RenderFarmException}s. */
  FarmResult submit(FarmSubmission submission) throws RenderFarmException;

  /** The job's current status on the farm; empty when the adapter has no status lookup. */
  default Optional<FarmResult> lookupStatus(FarmJob job) throws RenderFarmException {
    return Optional.empty();
  }
}

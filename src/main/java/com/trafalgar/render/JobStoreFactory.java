package com.trafalgar.render;

import com.trafalgar.config.RenderSettings;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.util.Optional;

/**
 * Supplies a {@link JobStore} in place of the file store of {@code TRAFALGAR_RENDER_JOBS_PATH}: the
 * clustered mode's database store (docs/cluster.md) is one, found as a CDI bean so that this
 * package never depends on the package that stores jobs elsewhere.
 */
public interface JobStoreFactory {
  /** The store to use, or empty to keep the file store. */
  Optional<JobStore> jobStore(RenderSettings settings, Clock clock);

  /** The first store a factory bean supplies, if any. */
  static Optional<JobStore> choose(Instance<JobStoreFactory> factories, RenderSettings settings,
      Clock clock) {
    for (JobStoreFactory factory : factories) {
      Optional<JobStore> store = factory.jobStore(settings, clock);
      if (store.isPresent()) {
        return store;
      }
    }
    return Optional.empty();
  }
}

package com.trafalgar.health;

import com.trafalgar.render.RenderService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code render-job-store} (API.md 1.5): UP when the store is disabled, or its
 * directory exists (or can be created) and is writable and its journal writer is alive. The
 * clustered mode's database store has no directory; it is never {@code down} (docs/cluster.md).
 * A writer that stopped makes it DOWN for good (until a restart): no change can be made durable
 * any more. A store whose last write failed ({@code failing}) stays UP: its writer retries with
 * the next change, and taking the instance out of rotation would leave it no change to recover
 * with.
 */
@Readiness
@ApplicationScoped
public class RenderJobStoreCheck implements HealthCheck {
  @Inject RenderService render;

  @Override
  public HealthCheckResponse call() {
    Verdict verdict = verdict(render.storePath(), render.storeState());
    HealthCheckResponseBuilder answer = HealthCheckResponse.named("render-job-store")
        .status(verdict.up()).withData("enabled", verdict.enabled());
    if (verdict.state() != null) {
      answer.withData("state", verdict.state());
    }
    return answer.build();
  }

  /** The check's outcome: UP or DOWN, and its data ({@code state} null when the store is off). */
  record Verdict(boolean up, boolean enabled, String state) {}

  static Verdict verdict(Optional<Path> store, Optional<String> state) {
    boolean up = store.map(RenderJobStoreCheck::writableDirectory).orElse(true)
        && state.filter("down"::equals).isEmpty();
    // a store without a file (clustered mode's database) is enabled too: it has a state
    return new Verdict(up, store.isPresent() || state.isPresent(), state.orElse(null));
  }

  static boolean writableDirectory(Path file) {
    Path directory = file.toAbsolutePath().getParent();
    if (directory == null) {
      return false;
    }
    try {
      Files.createDirectories(directory);
    } catch (java.io.IOException | SecurityException e) {
      return false;
    }
    return Files.isDirectory(directory) && Files.isWritable(directory);
  }
}

package com.trafalgar.health;

import com.trafalgar.render.RenderService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code render-job-store} (API.md 1.5): UP when the store is disabled, or its
 * directory exists (or can be created) and is writable.
 */
@Readiness
@ApplicationScoped
public class RenderJobStoreCheck implements HealthCheck {
  @Inject RenderService render;

  @Override
  public HealthCheckResponse call() {
    Optional<Path> store = render.storePath();
    boolean up = store.map(RenderJobStoreCheck::writableDirectory).orElse(true);
    return HealthCheckResponse.named("render-job-store").status(up)
        .withData("enabled", store.isPresent()).build();
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

package com.trafalgar.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code render-job-store} (API.md 1.5). Placeholder until the render service
 * lands: UP with the store reported as disabled.
 */
@Readiness
@ApplicationScoped
public class RenderJobStoreCheck implements HealthCheck {
  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("render-job-store").up().withData("enabled", false).build();
  }
}

package com.trafalgar.health;

import com.trafalgar.source.DataSources;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code shotgrid} (API.md 1.5): UP when ShotGrid is not configured or its last
 * request succeeded; {@code data} is the dashboard's mode.
 */
@Readiness
@ApplicationScoped
public class ShotGridCheck implements HealthCheck {
  private final DataSources sources;

  @Inject
  public ShotGridCheck(DataSources sources) {
    this.sources = sources;
  }

  /** For CDI proxies only. */
  protected ShotGridCheck() {
    this.sources = null;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("shotgrid")
        .status(sources.shotGridHealthy())
        .withData("mode", sources.dashboardMode().label())
        .build();
  }
}

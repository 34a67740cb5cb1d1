package com.trafalgar.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code shotgrid} (API.md 1.5). Placeholder until the data sources land: UP,
 * mode {@code none}.
 */
@Readiness
@ApplicationScoped
public class ShotGridCheck implements HealthCheck {
  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("shotgrid").up().withData("mode", "none").build();
  }
}

package com.trafalgar.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code ingest-registry} (API.md 1.5). Placeholder until the ingest service
 * lands: UP, state {@code missing}.
 */
@Readiness
@ApplicationScoped
public class IngestRegistryCheck implements HealthCheck {
  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("ingest-registry").up().withData("state", "missing").build();
  }
}

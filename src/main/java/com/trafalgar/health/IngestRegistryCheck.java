package com.trafalgar.health;

import com.trafalgar.ingest.IngestService;
import com.trafalgar.ingest.RegistryState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code ingest-registry} (API.md 1.5): UP when the registry file is missing or
 * its last read parsed, DOWN while a stale snapshot is served. Reads the registry (memoised), so
 * the state is the file's current one.
 */
@Readiness
@ApplicationScoped
public class IngestRegistryCheck implements HealthCheck {
  private final IngestService ingest;

  @Inject
  public IngestRegistryCheck(IngestService ingest) {
    this.ingest = ingest;
  }

  /** For CDI proxies only. */
  protected IngestRegistryCheck() {
    this.ingest = null;
  }

  @Override
  public HealthCheckResponse call() {
    RegistryState state = ingest.read().state();
    return HealthCheckResponse.named("ingest-registry")
        .status(state != RegistryState.STALE)
        .withData("state", state.wire())
        .build();
  }
}

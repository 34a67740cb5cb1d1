package com.trafalgar.events;

import com.trafalgar.config.ConfigReader;
import com.trafalgar.config.EventSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Owns the service's two event domains, {@code render} and {@code ingest} (API.md 8.1). Both
 * start their ids at the deployment's start time × 1000, so ids never repeat across restarts or
 * redeployments.
 */
@ApplicationScoped
public class EventDomains {
  private final ConfigReader config;
  private EventSettings settings;
  private EventDomain render;
  private EventDomain ingest;

  @Inject
  public EventDomains(ConfigReader config) {
    this.config = config;
  }

  /** For CDI proxies only. */
  protected EventDomains() {
    this.config = null;
  }

  @PostConstruct
  void start() {
    settings = EventSettings.from(config);
    long startMillis = System.currentTimeMillis();
    render = new EventDomain(
        "render", settings.replayBuffer(), startMillis, "jobs.snapshot", "jobs");
    ingest = new EventDomain(
        "ingest", settings.replayBuffer(), startMillis, "runs.snapshot", "runs");
  }

  public EventDomain render() {
    return render;
  }

  public EventDomain ingest() {
    return ingest;
  }

  public EventSettings settings() {
    return settings;
  }
}

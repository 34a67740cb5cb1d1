package com.trafalgar.events;

import com.trafalgar.config.ConfigReader;
import com.trafalgar.config.EventSettings;
import com.trafalgar.metrics.OperationalMetrics;
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
  private final OperationalMetrics metrics;
  private EventSettings settings;
  private EventDomain render;
  private EventDomain ingest;

  @Inject
  public EventDomains(ConfigReader config, OperationalMetrics metrics) {
    this.config = config;
    this.metrics = metrics;
  }

  /** For CDI proxies only. */
  protected EventDomains() {
    this.config = null;
    this.metrics = null;
  }

  @PostConstruct
  void start() {
    settings = EventSettings.from(config);
    long startMillis = System.currentTimeMillis();
    render = new EventDomain(
        "render", settings.replayBuffer(), startMillis, "jobs.snapshot", "jobs");
    ingest = new EventDomain(
        "ingest", settings.replayBuffer(), startMillis, "runs.snapshot", "runs");
    DomainMetrics exported = new DomainMetrics() {
      @Override
      public void published(String domain) {
        metrics.eventPublished(domain);
      }

      @Override
      public void trimmed(String domain, long count) {
        metrics.eventsTrimmed(domain, count);
      }

      @Override
      public void disconnected(String domain) {
        metrics.subscriberDisconnected(domain);
      }
    };
    render.metrics(exported);
    ingest.metrics(exported);
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

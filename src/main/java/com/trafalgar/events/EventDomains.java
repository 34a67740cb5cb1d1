package com.trafalgar.events;

import com.trafalgar.config.ConfigReader;
import com.trafalgar.config.EventSettings;
import com.trafalgar.metrics.OperationalMetrics;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * Owns the service's two event domains, {@code render} and {@code ingest} (API.md 8.1). Both
 * start their ids at the deployment's start time × 1000, so ids never repeat across restarts or
 * redeployments. In clustered mode (an active {@link SharedEventLog} bean) both are shared from
 * the start: their ids are the log's, cluster-wide.
 */
@ApplicationScoped
public class EventDomains {
  private final ConfigReader config;
  private final OperationalMetrics metrics;
  private final Optional<SharedEventLog> sharedLog;
  private EventSettings settings;
  private EventDomain render;
  private EventDomain ingest;

  /** Single-instance domains (tests, tools). */
  public EventDomains(ConfigReader config, OperationalMetrics metrics) {
    this(config, metrics, Optional.empty());
  }

  /** The domains CDI starts: shared when a {@link SharedEventLog} bean is active. */
  @Inject
  public EventDomains(ConfigReader config, OperationalMetrics metrics,
      Instance<SharedEventLog> logs) {
    this(config, metrics, logs.stream().filter(SharedEventLog::active).findFirst());
  }

  private EventDomains(ConfigReader config, OperationalMetrics metrics,
      Optional<SharedEventLog> sharedLog) {
    this.config = config;
    this.metrics = metrics;
    this.sharedLog = sharedLog;
  }

  /** For CDI proxies only. */
  protected EventDomains() {
    this.config = null;
    this.metrics = null;
    this.sharedLog = Optional.empty();
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
    sharedLog.ifPresent(log -> {
      for (EventDomain domain : List.of(render, ingest)) {
        try {
          // render's events are appended by its store, in the transactions of the job rows
          domain.share(log, log.head(domain.name()), domain == ingest);
        } catch (SharedEventLog.LogUnavailableException e) {
          throw new IllegalStateException("The cluster's event log could not be read.", e);
        }
      }
      log.follow(ingest);
    });
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

package com.trafalgar.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.config.ConfigReader;
import com.trafalgar.config.IngestSettings;
import com.trafalgar.config.StartupWork;
import com.trafalgar.events.EventDomains;
import com.trafalgar.events.SnapshotSource;
import com.trafalgar.json.Json;
import com.trafalgar.json.Timestamps;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The ingest service (API.md 6): owns the one registry reader, its watcher and the ingest
 * domain's snapshot source, and answers the ingest routes, the health check and the dashboard
 * ({@link IngestSummaryView}). Started eagerly with the application, so the registry as found at
 * startup (read in the background) is the change-detection baseline and the watcher runs without
 * any client.
 */
@ApplicationScoped
public class IngestService implements IngestSummaryView {
  private static final Logger LOG = Logger.getLogger(IngestService.class.getName());

  private final ConfigReader config;
  private final EventDomains domains;
  private final Clock clock;
  private final List<WatcherGate> gates;
  private IngestSettings settings;
  private RunRegistry registry;
  private RegistryWatcher watcher;
  private Thread baseline;

  /** A service that always watches (tests, tools). */
  public IngestService(ConfigReader config, EventDomains domains, Clock clock) {
    this(config, domains, clock, List.of());
  }

  /** The service CDI starts: it watches while every {@link WatcherGate} bean lets it. */
  @Inject
  public IngestService(ConfigReader config, EventDomains domains, Clock clock,
      Instance<WatcherGate> gates) {
    this(config, domains, clock, gates.stream().toList());
  }

  private IngestService(ConfigReader config, EventDomains domains, Clock clock,
      List<WatcherGate> gates) {
    this.config = config;
    this.domains = domains;
    this.clock = clock;
    this.gates = gates;
  }

  /** For CDI proxies only. */
  protected IngestService() {
    this.config = null;
    this.domains = null;
    this.clock = null;
    this.gates = List.of();
  }

  @PostConstruct
  void start() {
    settings = IngestSettings.from(config);
    registry = new RunRegistry(settings.registry(), domains.ingest(), clock);
    domains.ingest().snapshotSource(new SnapshotSource() {
      @Override
      public void refresh() {
        registry.read();
      }

      @Override
      public ArrayNode items() {
        return registry.snapshot().items();
      }

      @Override
      public Supplier<ArrayNode> capture() {
        // the registry's snapshot is immutable: build its items outside the domain lock
        return registry.snapshot()::items;
      }
    });
    // the baseline (6.6), read on its own thread so a large registry does not hold up the
    // deployment; a request, readiness check or poll that reads before it is done waits for the
    // registry's reload lock and so sees the registry as read then
    baseline = new Thread(this::readBaseline, "trafalgar-ingest-baseline");
    baseline.setDaemon(true);
    baseline.start();
    WatcherGate.Baseline baseline = new WatcherGate.Baseline() {
      @Override
      public Optional<Map<String, String>> published() {
        return registry.published();
      }

      @Override
      public void rebase(Map<String, String> runs) {
        registry.rebase(runs);
      }
    };
    gates.forEach(gate -> gate.attach(baseline));
    if (settings.watcherEnabled()) {
      watcher = new RegistryWatcher(() -> {
        if (gates.stream().allMatch(WatcherGate::watchHere)) {
          registry.poll();
        }
      }, settings.watchInterval());
    }
    LOG.info(() -> String.format("Ingest registry %s; watcher %s.", settings.registry(),
        settings.watcherEnabled() ? "every " + settings.watchIntervalSeconds() + " s" : "off"));
  }

  /**
   * Creates the service (and so starts the watcher and the baseline read) when the application
   * starts, on the startup thread: static, so that observing does not create it here.
   */
  static void onStartup(@Observes @Initialized(ApplicationScoped.class) Object event,
      StartupWork startup, IngestService service) {
    startup.start("ingest", service::ensureStarted);
  }

  /** Nothing: calling it through the CDI proxy is what creates the service. */
  public void ensureStarted() {
    // @PostConstruct does the work
  }

  private void readBaseline() {
    try {
      registry.read();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "First read of the ingest registry failed.", e);
    }
  }

  @PreDestroy
  void stop() {
    if (watcher != null) {
      watcher.close();
      watcher = null;
    }
    Thread reading = baseline;
    if (reading != null) {
      try {
        reading.join(TimeUnit.SECONDS.toMillis(2)); // a parse cannot be interrupted: let it end
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A memoised read of the registry (6.5). */
  public RegistryReading read() {
    return registry.read();
  }

  /** {@code GET /ingest/runs}: the newest {@code limit} runs as a JSON array (UTF-8). */
  public byte[] listing(int limit) {
    return read().snapshot().listing(limit);
  }

  /** {@code GET /ingest/runs/{run_id}}: the run with exactly this id in the whole registry. */
  public Optional<IngestRun> run(String id) {
    return Optional.ofNullable(read().snapshot().find(id));
  }

  /** {@code GET /ingest/health} (6.1). */
  public ObjectNode health() {
    RegistryReading reading = read();
    ObjectNode body = Json.object();
    body.put("status", "ok");
    ObjectNode state = body.putObject("registry");
    state.put("state", reading.state().wire());
    state.put("runs", reading.snapshot().size());
    state.put("last_loaded_at", Timestamps.format(reading.lastLoadedAt()));
    body.set("events", Json.tree(domains.ingest().counters()));
    return body;
  }

  @Override
  public IngestSummary ingestSummary(int window) {
    List<IngestRun> newest = read().snapshot().apiOrder();
    return IngestSummaries.of(newest.subList(0, Math.max(0, Math.min(window, newest.size()))));
  }

  @Override
  public void forgetFingerprint() {
    registry.forgetFingerprint();
  }

  @Override
  public int registryEntries() {
    return registry.entries();
  }

  @Override
  public Instant registryLastRefreshAt() {
    return registry.refreshedAt();
  }
}

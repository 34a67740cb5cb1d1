package com.trafalgar.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.config.RenderSettings;
import com.trafalgar.events.EventDomain;
import com.trafalgar.events.EventDomains;
import com.trafalgar.http.ApiException;
import com.trafalgar.json.Json;
import com.trafalgar.json.Timestamps;
import com.trafalgar.metrics.OperationalMetrics;
import com.trafalgar.render.farm.CancellableRenderFarmAdapter;
import com.trafalgar.render.farm.FarmCapabilities;
import com.trafalgar.render.farm.FarmResult;
import com.trafalgar.render.farm.RenderFarmAdapter;
import com.trafalgar.render.farm.RenderFarmRegistry;
import com.trafalgar.render.farm.RenderFarmRegistry.Registration;
import com.trafalgar.text.Text;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The render service (API.md 5, 12): the use cases behind the render routes (submit, list, get,
 * cancel, metrics, health) over its parts: {@link FarmCalls} (the adapter pool and deadlines),
 * {@link FarmCatalogue}, {@link JobHistory} (memory, limit, events), {@link JobWrites} and a
 * {@link JobStore} (durability), {@link StatusRefresh} and {@link StatusPoller}.
 *
 * <p>The parts are plain classes composed here rather than beans of their own, because their
 * threads must start and stop in one order, which CDI does not promise between beans: the store
 * is loaded before the history is read and the poller starts last; at shutdown the poller stops
 * before its last changes are written and the store closes, and the adapter pool goes last.
 */
@ApplicationScoped
public class RenderService implements RenderSummaryView {
  private static final Logger LOG = Logger.getLogger(RenderService.class.getName());
  /** How long a submission or cancellation waits for its change to be durable. */
  static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);

  private final RenderSettings settings;
  private final RenderFarmRegistry registry;
  private final EventDomain domain;
  private final Clock clock;
  private final Optional<JobStore> store;
  private final FarmCalls calls = new FarmCalls();
  private final FarmCatalogue catalogue;
  private final JobHistory history;
  private final JobWrites writes;
  private final DurableChanges durableChanges;
  private final StatusRefresh refresh;
  private final StatusPoller poller;
  private volatile BiConsumer<String, String> submissionCounter = (farm, outcome) -> { };
  /** Whether this instance polls now ({@link PollerGate}); always, without a gate. */
  private volatile BooleanSupplier pollHere = () -> true;

  /**
   * The service CDI starts: its store is the one a {@link JobStoreFactory} bean supplies (the
   * clustered mode's database), else the file of the settings.
   */
  @Inject
  public RenderService(RenderSettings settings, Clock clock, RenderFarmRegistry registry,
      EventDomains domains, OperationalMetrics metrics, Instance<JobStoreFactory> factories,
      Instance<PollerGate> gates) {
    this(settings, clock, registry, domains.render(), JobStoreFactory.choose(factories,
        settings, clock).or(() -> fileStore(settings, clock)));
    countSubmissionsWith(metrics::renderSubmission);
    List<PollerGate> all = gates.stream().toList();
    pollHere = () -> all.stream().allMatch(PollerGate::pollHere);
  }

  /** A service with the file store of the settings (unit tests); call {@link #start()}. */
  public RenderService(RenderSettings settings, Clock clock, RenderFarmRegistry registry,
      EventDomain domain) {
    this(settings, clock, registry, domain, fileStore(settings, clock));
  }

  /**
   * A service over an explicit store (empty: in memory only); call {@link #start()} before use.
   * Nothing runs until then: the parts only keep their references.
   */
  public RenderService(RenderSettings settings, Clock clock, RenderFarmRegistry registry,
      EventDomain domain, Optional<JobStore> store) {
    this.settings = settings;
    this.registry = registry;
    this.domain = domain;
    this.clock = clock;
    this.store = store;
    this.catalogue = new FarmCatalogue(registry, calls);
    this.history = new JobHistory(domain, settings.historyLimit(), clock);
    this.writes = new JobWrites(store, domain, history::get, settings.persistIntervalSeconds());
    this.durableChanges = new DurableChanges(domain, history::get, history::install,
        writes::persist, STORE_TIMEOUT);
    this.refresh = new StatusRefresh(domain, registry, calls, history, writes, durableChanges,
        clock);
    this.poller = new StatusPoller(settings.pollIntervalSeconds(), () -> {
      if (pollHere.getAsBoolean()) {
        refresh.refreshActive(true);
      }
      writes.flushPollerWrites(false);
    });
  }

  /** For CDI proxies only: inert parts over placeholder settings. */
  protected RenderService() {
    this(RenderSettings.inMemory(BigDecimal.ZERO), Clock.systemUTC(), null, null,
        Optional.empty());
  }

  private static Optional<JobStore> fileStore(RenderSettings settings, Clock clock) {
    return settings.jobsPath().map(path -> new FileJobStore(path, settings.retention(), clock));
  }

  /**
   * Starts the service and the farm registry eagerly, so the store loads, the poller runs and
   * adapter beans are discovered (a duplicate name fails the deployment) before any request.
   */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    LOG.info(() -> "Render farms: " + String.join(", ", registry.names()) + ".");
  }

  @PostConstruct
  public void start() {
    calls.start();
    store.ifPresent(jobs -> jobs.open(history.load(jobs.load()), history));
    SnapshotRefresh snapshots = new SnapshotRefresh(() -> refresh.refreshActive(false));
    domain.snapshotSource(history.snapshotSource(snapshots::refresh));
    poller.start();
  }

  @PreDestroy
  public void stop() {
    poller.stop();
    store.ifPresent(jobs -> {
      writes.flushPollerWrites(true);
      jobs.close();
    });
    calls.stop();
  }

  /** Shorter adapter deadlines, for tests of hung adapters. */
  void adapterTimeouts(Duration call, Duration lookup) {
    calls.timeouts(call, lookup);
  }

  // ---------------------------------------------------------------- farms (5.2)

  /** The Java form of the seed's {@code register_adapter}: see {@link RenderFarmRegistry}. */
  public void registerAdapter(RenderFarmAdapter adapter) {
    registry.register(adapter);
  }

  /** Registers {@code adapter} with capabilities that win over its own. */
  public void registerAdapter(RenderFarmAdapter adapter, FarmCapabilities capabilities) {
    registry.register(adapter, capabilities);
  }

  public void unregisterAdapter(String name) {
    registry.unregister(name);
  }

  public RenderFarmRegistry registry() {
    return registry;
  }

  /** {@code {"farms": [...]}} (5.2), sorted by name. */
  public ObjectNode farms() {
    return catalogue.farms();
  }

  // ---------------------------------------------------------------- submission (5.3)

  /**
   * Sends every submission's outcome ({@code accepted}, {@code rejected} for a 4xx answer,
   * {@code error} for a 5xx) with its farm key to {@code counter}: the seam for the operational
   * counter {@code trafalgar.render.submissions} (API.md 1.5).
   */
  public void countSubmissionsWith(BiConsumer<String, String> counter) {
    this.submissionCounter = counter;
  }

  /** Submits a job; returns the 201 body or throws the contract's answer. */
  public ObjectNode submit(ObjectNode body) {
    String[] farm = {"unknown"};
    try {
      ObjectNode answer = submit(body, farm);
      submissionCounter.accept(farm[0], "accepted");
      return answer;
    } catch (ApiException e) {
      submissionCounter.accept(farm[0], e.status() < 500 ? "rejected" : "error");
      throw e;
    }
  }

  private ObjectNode submit(ObjectNode body, String[] farmKey) {
    JobRequest request = JobRequestParser.parse(body, registry::names);
    String farm = request.farm();
    farmKey[0] = farm;
    Registration registration = registry.find(farm).orElseThrow(() -> RenderErrors.envelope(404,
        "render.farm_not_found", "Unknown render farm '" + farm + "'.",
        "Use the /farms endpoint to list available adapters and retry with a registered farm key.",
        RenderErrors.context("farm", farm)));
    Map<String, Object> context = RenderErrors.context(
        "farm", farm, "priority", request.priority(), "chunk_size", request.chunkSize());
    CapabilityCheck check = CapabilityCheck.of(calls.capabilities(registration, context),
        request.priority(), request.chunkSize());
    if (check.violation().isPresent()) {
      throw RenderErrors.envelope(422, "render.invalid_request", check.violation().get(),
          "Check the farm capabilities and adjust priority or chunk size values before retrying.",
          context);
    }
    FarmResult result = calls.submit(farm, registration.adapter(),
        check.submission(request, FarmCalls.osUser()));
    RenderJob job = record(result, farm, request.withEffective(check.priority(),
        check.chunkSize()));
    ObjectNode answer = Json.object();
    answer.put("job_id", job.jobId());
    answer.put("status", job.status());
    answer.put("farm_type", job.farmType());
    answer.put("message", job.message());
    return answer;
  }

  /** A job as recorded, and the write that makes it durable (null when nothing to wait for). */
  private record Recorded(RenderJob job, CompletableFuture<Void> durable) {}

  /** Records an accepted job, publishes it, enforces the limit and waits for the store. */
  private RenderJob record(FarmResult result, String farm, JobRequest request) {
    String status = Text.isBlank(result.status()) ? "unknown" : result.status();
    String farmType = Text.isBlank(result.farmType()) ? farm : result.farmType();
    Instant now = now();
    Recorded recorded = domain.atomically(() -> {
      RenderJob job = RenderJob.created(result.jobId(), farm, farmType, status,
          result.message(), request, now, history.nextSequence());
      return new Recorded(job, writes.persist(history.add(job)));
    });
    RenderJob job = recorded.job();
    if (recorded.durable() != null) {
      try {
        recorded.durable().get(STORE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException | ExecutionException | TimeoutException e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        LOG.log(Level.SEVERE, "Job '" + job.jobId() + "' could not be persisted", e);
        throw RenderErrors.envelope(503, "render.store_unavailable",
            "Job '" + job.jobId() + "' was accepted by farm '" + farm
                + "' but could not be persisted.",
            "Check the job store path, permissions and free disk space.",
            RenderErrors.context("farm", farm, "job_id", job.jobId()));
      }
    }
    return job;
  }

  private Instant now() {
    return Timestamps.truncate(clock.instant());
  }

  // ---------------------------------------------------------------- reads (5.7, 5.8)

  /**
   * Jobs newest first, each refreshed, then filtered; stops at {@code limit} matches.
   *
   * @param statuses lower-case statuses to keep (empty: all)
   * @param farms lower-case farms to keep (empty: all)
   */
  public ArrayNode list(Integer limit, Set<String> statuses, Set<String> farms) {
    ArrayNode jobs = JsonNodeFactory.instance.arrayNode();
    for (RenderJob job : history.newestFirst()) {
      if (limit != null && jobs.size() >= limit) {
        break;
      }
      RenderJob current = refresh.refresh(job, false);
      if (matches(current.status(), statuses) && matches(current.farm(), farms)) {
        jobs.add(current.metadata());
      }
    }
    return jobs;
  }

  private static boolean matches(String value, Set<String> wanted) {
    return wanted.isEmpty()
        || (value != null && wanted.contains(Text.trim(value).toLowerCase(Locale.ROOT)));
  }

  /** One job, refreshed; 404 when unknown. */
  public ObjectNode job(String jobId) {
    return refresh.refresh(known(jobId), false).metadata();
  }

  private RenderJob known(String jobId) {
    RenderJob job = history.get(jobId);
    if (job == null) {
      throw ApiException.detail(404, "Job not found.");
    }
    return job;
  }

  // ---------------------------------------------------------------- cancel (5.9)

  /** Cancels a job through its adapter, then waits for the store; returns the updated job. */
  public ObjectNode cancel(String jobId) {
    RenderJob job = known(jobId);
    String farm = job.farm();
    Map<String, Object> context = RenderErrors.context("farm", farm, "job_id", jobId);
    Registration registration = registry.find(farm).orElseThrow(() -> RenderErrors.envelope(404,
        "render.farm_not_found", "Unknown render farm '" + farm + "' for job '" + jobId + "'.",
        "The adapter handling this job is no longer registered with the service.", context));
    if (!(registration.adapter() instanceof CancellableRenderFarmAdapter adapter)) {
      throw RenderErrors.envelope(409, "render.cancellation_unsupported",
          "Render farm '" + farm + "' does not support job cancellation.",
          "Retry cancellation through the farm's native tooling or use an adapter that exposes "
              + "cancellation APIs.", context);
    }
    FarmResult result = calls.cancel(job, adapter, context);
    if (result == null) {
      RenderJob current = history.get(jobId);
      return (current != null ? current : job).metadata();
    }
    RenderJob changed;
    try {
      changed = durableChanges.apply(jobId, current -> current.apply(result, now()));
    } catch (IOException e) {
      LOG.log(Level.SEVERE, "Cancellation of job '" + jobId + "' could not be persisted", e);
      throw RenderErrors.envelope(503, "render.store_unavailable", "Cancellation of job '"
          + jobId + "' was accepted by farm '" + farm + "' but could not be persisted.",
          "Check the job store path, permissions and free disk space.", context);
    }
    return (changed != null ? changed : job).metadata();
  }

  // ---------------------------------------------------------------- analytics and health

  /** {@code GET /render/jobs/metrics} (5.10). */
  public ObjectNode metrics() {
    return RenderAnalytics.metrics(history.jobs(), now());
  }

  /** {@code GET /render/health} (5.11): history counters, store figures, summary, events. */
  public ObjectNode health() {
    ObjectNode body = Json.object();
    body.put("status", "ok");
    ObjectNode counters = body.putObject("render_history");
    history.describe(counters);
    if (store.isEmpty()) {
      counters.putNull("store");
    } else {
      counters.set("store", store.get().stats().json());
    }
    body.set("render_summary", RenderAnalytics.summary(history.jobs(), now()));
    body.set("events", Json.tree(domain.counters()));
    return body;
  }

  /**
   * The job store's file, when the store is the file store (readiness checks its directory); empty
   * without a store or with another store (clustered mode: see {@link #storeState()}).
   */
  public Optional<Path> storePath() {
    return store.filter(FileJobStore.class::isInstance).flatMap(jobs -> settings.jobsPath());
  }

  /** The job store's writer state ({@link StoreStats}); empty when the store is off. */
  public Optional<String> storeState() {
    return store.map(jobs -> jobs.stats().state());
  }

  @Override
  public RenderSummary renderSummary() {
    return history.summary();
  }
}

package com.trafalgar.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.config.RenderSettings;
import com.trafalgar.events.EventDomain;
import com.trafalgar.events.EventDomains;
import com.trafalgar.events.SnapshotSource;
import com.trafalgar.http.ApiException;
import com.trafalgar.http.ValidationError;
import com.trafalgar.http.ValidationException;
import com.trafalgar.json.Json;
import com.trafalgar.json.Timestamps;
import com.trafalgar.metrics.OperationalMetrics;
import com.trafalgar.render.farm.CancellableRenderFarmAdapter;
import com.trafalgar.render.farm.FarmCapabilities;
import com.trafalgar.render.farm.FarmResult;
import com.trafalgar.render.farm.FarmSubmission;
import com.trafalgar.render.farm.MockFarmAdapter;
import com.trafalgar.render.farm.PlaceholderFarmAdapter;
import com.trafalgar.render.farm.RenderFarmAdapter;
import com.trafalgar.render.farm.RenderFarmException;
import com.trafalgar.render.farm.RenderFarmRegistry.Registration;
import com.trafalgar.render.farm.RenderFarmRegistry;
import com.trafalgar.text.Text;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The render service (API.md 5, 12): farms, submissions, the job history with its lifecycle, the
 * status poller, the job store and the render events. Every change of a job and its event happen
 * together inside the render domain's lock.
 */
@ApplicationScoped
public class RenderService implements RenderSummaryView {
  private static final Logger LOG = Logger.getLogger(RenderService.class.getName());
  /** How long a submission, capability query or cancellation may take on an adapter. */
  static final Duration ADAPTER_TIMEOUT = Duration.ofSeconds(30);
  /** How long a status lookup may take; a slow farm must not stall listings. */
  static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(5);
  /** How long a submission waits for its job to reach the disk. */
  static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);
  private static final String SUBMIT_FAILED = "Unexpected error while submitting render job.";

  private final RenderSettings settings;
  private final Clock clock;
  private final RenderFarmRegistry registry;
  private final EventDomain domain;
  private final Map<String, RenderJob> byId = new ConcurrentHashMap<>();
  private final ConcurrentSkipListMap<Long, RenderJob> bySequence = new ConcurrentSkipListMap<>();
  private final AtomicLong nextSequence = new AtomicLong();
  private final Set<String> pendingPollerWrites = new LinkedHashSet<>();
  private long lastPollerWrite;
  private long historyPrunedTotal;
  private Instant lastHistoryPruneAt;
  private int lastHistoryPruned;
  private volatile BiConsumer<String, String> submissionCounter = (farm, outcome) -> { };
  private Duration callTimeout = ADAPTER_TIMEOUT;
  private Duration lookupTimeout = LOOKUP_TIMEOUT;
  private JobStore store;
  private JobJournal journal;
  private DurableChanges durableChanges;
  private ThreadPoolExecutor adapterCalls;
  private ScheduledExecutorService poller;

  @Inject
  public RenderService(RenderSettings settings, Clock clock, RenderFarmRegistry registry,
      EventDomains domains, OperationalMetrics metrics) {
    this(settings, clock, registry, domains.render());
    countSubmissionsWith(metrics::renderSubmission);
  }

  /** A service over explicit parts (unit tests); call {@link #start()} before use. */
  public RenderService(RenderSettings settings, Clock clock, RenderFarmRegistry registry,
      EventDomain domain) {
    this.settings = settings;
    this.clock = clock;
    this.registry = registry;
    this.domain = domain;
  }

  /** For CDI proxies only. */
  protected RenderService() {
    this(null, null, null, (EventDomain) null);
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
    AtomicInteger threads = new AtomicInteger();
    adapterCalls = new ThreadPoolExecutor(0, 64, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
        r -> daemon(r, "trafalgar-render-adapter-" + threads.incrementAndGet()));
    settings.jobsPath().ifPresent(path -> {
      store = new JobStore(path, settings.retention(), clock);
      load();
      journal = new JobJournal(store, this::captureAll, byId::values, byId::size);
      journal.start();
    });
    durableChanges = new DurableChanges(domain, byId::get, this::install, this::persist,
        STORE_TIMEOUT);
    domain.snapshotSource(new SnapshotSource() {
      @Override
      public void refresh() {
        refreshActive(false);
      }

      @Override
      public ArrayNode items() {
        return capture().get();
      }

      @Override
      public Supplier<ArrayNode> capture() {
        // under the domain lock: copy references to the immutable jobs only; their JSON is built
        // after the lock is released, so a stream connect never stalls submissions (issue 12)
        List<RenderJob> newestFirst = List.copyOf(bySequence.descendingMap().values());
        return () -> {
          ArrayNode items = JsonNodeFactory.instance.arrayNode(newestFirst.size());
          newestFirst.forEach(job -> items.add(job.metadata()));
          return items;
        };
      }
    });
    if (settings.pollIntervalSeconds() > 0) {
      ScheduledThreadPoolExecutor scheduler =
          new ScheduledThreadPoolExecutor(1, r -> daemon(r, "trafalgar-render-poller"));
      long period = Math.max(1, (long) (settings.pollIntervalSeconds() * 1000));
      scheduler.scheduleWithFixedDelay(this::poll, period, period, TimeUnit.MILLISECONDS);
      poller = scheduler;
    }
  }

  @PreDestroy
  public void stop() {
    if (poller != null) {
      poller.shutdownNow();
      try {
        poller.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (journal != null) {
      flushPollerWrites(true);
      journal.close(60_000);
    }
    if (adapterCalls != null) {
      adapterCalls.shutdownNow();
    }
  }

  private static Thread daemon(Runnable body, String name) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }

  /** Shorter adapter deadlines, for tests of hung adapters. */
  void adapterTimeouts(Duration call, Duration lookup) {
    this.callTimeout = call;
    this.lookupTimeout = lookup;
  }

  // ---------------------------------------------------------------- farms and adapters

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
    ObjectNode body = Json.object();
    ArrayNode farms = body.putArray("farms");
    for (Registration farm : registry.registrations()) {
      ObjectNode node = farms.addObject();
      node.put("name", farm.name());
      String description = null;
      FarmCapabilities capabilities = null;
      try {
        description = call(farm.adapter(), farm.adapter()::description, callTimeout);
        capabilities = call(farm.adapter(), farm::effectiveCapabilities, callTimeout);
      } catch (Exception e) {
        LOG.log(Level.WARNING, "Capabilities of render farm '" + farm.name()
            + "' are unavailable; describing it without metadata", e);
      }
      node.put("description", description != null ? description
          : "Render farm adapter registered as '" + farm.name() + "'.");
      node.set("capabilities", describe(capabilities));
    }
    return body;
  }

  static ObjectNode describe(FarmCapabilities capabilities) {
    FarmCapabilities caps = capabilities != null ? capabilities
        : new FarmCapabilities(null, null, null, false, null, null, null, false);
    ObjectNode node = Json.object();
    ObjectNode priority = node.putObject("priority");
    priority.put("default", capabilities == null ? null
        : caps.defaultPriority() != null ? caps.defaultPriority() : Integer.valueOf(50));
    priority.put("minimum", caps.priorityMin());
    priority.put("maximum", caps.priorityMax());
    ObjectNode chunking = node.putObject("chunking");
    chunking.put("enabled", caps.chunkingEnabled());
    chunking.put("minimum", caps.chunkSizeMin());
    chunking.put("maximum", caps.chunkSizeMax());
    chunking.put("default", caps.chunkingEnabled() ? caps.defaultChunkSize() : null);
    node.putObject("cancellation").put("supported", caps.cancellationSupported());
    return node;
  }

  /**
   * Runs an adapter call with a deadline. The built-in adapters answer from memory and are called
   * directly; other adapters run on the adapter pool so a hung farm cannot hold the request.
   */
  private <T> T call(RenderFarmAdapter adapter, Callable<T> action, Duration timeout)
      throws Exception {
    if (adapter instanceof MockFarmAdapter || adapter instanceof PlaceholderFarmAdapter) {
      return action.call();
    }
    Future<T> future;
    try {
      future = adapterCalls.submit(action);
    } catch (RejectedExecutionException e) {
      throw new AdapterTimeoutException("every adapter thread is busy");
    }
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new AdapterTimeoutException("no answer within " + timeout.getSeconds() + " seconds");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      throw new AdapterTimeoutException("interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception exception) {
        throw exception;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** An adapter call that did not finish in time. */
  static final class AdapterTimeoutException extends Exception {
    private static final long serialVersionUID = 1L;

    AdapterTimeoutException(String message) {
      super(message, null, false, false);
    }
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
    RenderFarmAdapter adapter = registration.adapter();
    Map<String, Object> context = RenderErrors.context(
        "farm", farm, "priority", request.priority(), "chunk_size", request.chunkSize());
    FarmCapabilities capabilities;
    try {
      capabilities = call(adapter, registration::effectiveCapabilities, callTimeout);
    } catch (Exception e) {
      throw RenderErrors.envelope(400, "render.capabilities_unavailable",
          "Failed to query capabilities from '" + farm + "' adapter: " + e.getMessage(),
          "Retry once the render farm capabilities endpoint is available or contact an "
              + "administrator.", context);
    }
    CapabilityCheck check = CapabilityCheck.of(capabilities, request.priority(),
        request.chunkSize());
    if (check.violation().isPresent()) {
      throw RenderErrors.envelope(422, "render.invalid_request", check.violation().get(),
          "Check the farm capabilities and adjust priority or chunk size values before retrying.",
          context);
    }
    int priority = fitsInt(check.priority(), "priority");
    Integer chunkSize = check.chunkSize() == null ? null : fitsInt(check.chunkSize(), "chunk_size");
    FarmSubmission submission = new FarmSubmission(request.dcc(), request.scene(),
        request.frames(), request.output(), priority, chunkSize,
        request.user() != null ? request.user() : System.getProperty("user.name"));
    FarmResult result;
    try {
      result = call(adapter, () -> adapter.submit(submission), callTimeout);
    } catch (RenderFarmException e) {
      throw RenderErrors.of(e);
    } catch (AdapterTimeoutException e) {
      throw RenderErrors.envelope(503, "adapter.unavailable",
          "Render farm '" + farm + "' did not answer: " + e.getMessage() + ".",
          "Check connectivity to the render farm and retry the submission.",
          RenderErrors.context("farm", farm));
    } catch (Exception e) {
      LOG.log(Level.SEVERE, "Render farm adapter '" + farm + "' failed unexpectedly", e);
      throw ApiException.detail(500, SUBMIT_FAILED);
    }
    if (result == null || Text.isBlank(result.jobId())) {
      throw RenderErrors.envelope(502, "adapter.error",
          "Render farm '" + farm + "' did not return a job id.", null,
          RenderErrors.context("farm", farm));
    }
    JobRequest recorded = request.withEffective(check.priority(), check.chunkSize());
    RenderJob job = record(result, farm, recorded);
    return answer(job);
  }

  private static int fitsInt(BigInteger value, String field) {
    BigInteger max = BigInteger.valueOf(Integer.MAX_VALUE);
    if (value.compareTo(max) > 0) {
      throw new ValidationException(ValidationError.lessThanEqual(List.of(field), max));
    }
    return value.intValueExact();
  }

  private static ObjectNode answer(RenderJob job) {
    ObjectNode body = Json.object();
    body.put("job_id", job.jobId());
    body.put("status", job.status());
    body.put("farm_type", job.farmType());
    body.put("message", job.message());
    return body;
  }

  /** A job as recorded, and the write that makes it durable (null when nothing to wait for). */
  private record Recorded(RenderJob job, CompletableFuture<Void> durable) {}

  /** Records an accepted job, publishes it, enforces the limit and waits for the disk. */
  private RenderJob record(FarmResult result, String farm, JobRequest request) {
    String status = blank(result.status()) ? "unknown" : result.status();
    String farmType = blank(result.farmType()) ? farm : result.farmType();
    Instant now = now();
    Recorded recorded = domain.atomically(() -> {
      RenderJob job = RenderJob.created(result.jobId(), farm, farmType, status,
          result.message(), request, now, nextSequence.incrementAndGet());
      RenderJob previous = byId.put(job.jobId(), job);
      if (previous != null) {
        bySequence.remove(previous.sequence());
      }
      bySequence.put(job.sequence(), job);
      domain.publish("job.created", jobPayload(job));
      List<byte[]> lines = new ArrayList<>();
      lines.add(JobStore.putLine(job));
      enforceLimit(lines);
      return new Recorded(job, persist(lines));
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

  private static boolean blank(String value) {
    return Text.isBlank(value);
  }

  /** Evicts the oldest jobs beyond the limit (5.12). Call under the domain lock. */
  private int enforceLimit(List<byte[]> lines) {
    if (settings.historyLimit().isEmpty()) {
      return 0;
    }
    int limit = settings.historyLimit().get();
    int evicted = 0;
    while (byId.size() > limit) {
      Map.Entry<Long, RenderJob> oldest = bySequence.pollFirstEntry();
      if (oldest == null) {
        break;
      }
      byId.remove(oldest.getValue().jobId());
      ObjectNode payload = Json.object();
      payload.putObject("job").put("job_id", oldest.getValue().jobId());
      domain.publish("job.removed", payload);
      lines.add(JobStore.removeLine(oldest.getValue().jobId()));
      evicted++;
    }
    if (evicted > 0) {
      historyPrunedTotal += evicted;
      lastHistoryPruned = evicted;
      lastHistoryPruneAt = now();
    }
    return evicted;
  }

  /**
   * Queues journal lines (with any pending poller changes); null when the store is off. Call under
   * the domain lock so lines reach the journal in change order.
   */
  private CompletableFuture<Void> persist(List<byte[]> lines) {
    return persist(lines, null);
  }

  /** As {@link #persist(List)}, running {@code onDurable} once the lines are on disk. */
  private CompletableFuture<Void> persist(List<byte[]> lines, Runnable onDurable) {
    if (journal == null) {
      return null;
    }
    synchronized (pendingPollerWrites) {
      for (String id : pendingPollerWrites) {
        RenderJob pending = byId.get(id);
        if (pending != null) {
          lines.add(0, JobStore.putLine(pending));
        }
      }
      pendingPollerWrites.clear();
    }
    return journal.append(lines, onDurable);
  }

  private static ObjectNode jobPayload(RenderJob job) {
    ObjectNode payload = Json.object();
    payload.set("job", job.metadata());
    return payload;
  }

  private Instant now() {
    return Timestamps.truncate(clock.instant());
  }

  // ---------------------------------------------------------------- refresh (5.6)

  /** Refreshes one job from its farm; returns its current value (or the given one if evicted). */
  private RenderJob refresh(RenderJob job, boolean fromPoller) {
    if (!job.isActive()) {
      return job;
    }
    Optional<Registration> registration = registry.find(job.farm());
    if (registration.isEmpty()) {
      return job;
    }
    RenderFarmAdapter adapter = registration.get().adapter();
    Optional<FarmResult> result;
    try {
      result = call(adapter, () -> adapter.lookupStatus(job.farmJob(osUser())), lookupTimeout);
    } catch (Exception e) {
      LOG.log(Level.WARNING, "Status lookup of job '" + job.jobId() + "' on farm '"
          + job.farm() + "' failed; keeping its recorded status", e);
      return job;
    }
    if (result == null || result.isEmpty()) {
      return job;
    }
    return applyResult(job.jobId(), result.get(), fromPoller ? Write.POLLER : Write.QUEUE)
        .orElse(job);
  }

  private enum Write { POLLER, QUEUE }

  /** Applies a result under the domain lock, publishing and persisting a change. */
  private Optional<RenderJob> applyResult(String jobId, FarmResult result, Write write) {
    Recorded applied = domain.atomically(() -> {
      RenderJob job = byId.get(jobId);
      Optional<RenderJob> changed = job == null || durableChanges.pending(jobId)
          ? Optional.empty() : job.apply(result, now());
      if (changed.isEmpty()) {
        return new Recorded(job, null);
      }
      RenderJob updated = changed.get();
      install(updated);
      if (journal == null) {
        return new Recorded(updated, null);
      }
      if (write == Write.POLLER) {
        synchronized (pendingPollerWrites) {
          pendingPollerWrites.add(jobId);
        }
        return new Recorded(updated, null);
      }
      List<byte[]> lines = new ArrayList<>();
      lines.add(JobStore.putLine(updated));
      return new Recorded(updated, persist(lines));
    });
    return Optional.ofNullable(applied.job());
  }

  /** Replaces a job in memory and publishes the change. Call under the domain lock. */
  private void install(RenderJob updated) {
    byId.put(updated.jobId(), updated);
    bySequence.put(updated.sequence(), updated);
    domain.publish("job.updated", jobPayload(updated));
  }

  private static String osUser() {
    return System.getProperty("user.name");
  }

  /** Refreshes every active job, newest first. */
  private void refreshActive(boolean fromPoller) {
    for (RenderJob job : bySequence.descendingMap().values()) {
      if (job.isActive()) {
        refresh(job, fromPoller);
      }
    }
  }

  private void poll() {
    try {
      refreshActive(true);
      flushPollerWrites(false);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Render status poll failed", e);
    }
  }

  /** Writes poller changes at most once per persist interval (5.6); {@code force} at shutdown. */
  private void flushPollerWrites(boolean force) {
    long nowNanos = System.nanoTime();
    long gap = (long) (settings.persistIntervalSeconds() * 1e9);
    synchronized (pendingPollerWrites) {
      if (pendingPollerWrites.isEmpty()
          || (!force && gap > 0 && nowNanos - lastPollerWrite < gap)) {
        return;
      }
      lastPollerWrite = nowNanos;
    }
    domain.atomically(() -> persist(new ArrayList<>()));
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
    for (RenderJob job : bySequence.descendingMap().values()) {
      if (limit != null && jobs.size() >= limit) {
        break;
      }
      RenderJob current = refresh(job, false);
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
    RenderJob job = byId.get(jobId);
    if (job == null) {
      throw jobNotFound();
    }
    return refresh(job, false).metadata();
  }

  private static ApiException jobNotFound() {
    return ApiException.detail(404, "Job not found.");
  }

  // ---------------------------------------------------------------- cancel (5.9)

  /** Cancels a job through its adapter; returns the updated job. */
  public ObjectNode cancel(String jobId) {
    RenderJob job = byId.get(jobId);
    if (job == null) {
      throw jobNotFound();
    }
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
    FarmResult result;
    try {
      result = call(adapter, () -> adapter.cancel(job.farmJob(osUser())), callTimeout);
    } catch (RenderFarmException e) {
      throw RenderErrors.of(e);
    } catch (Exception e) {
      LOG.log(Level.WARNING, "Cancelling job '" + jobId + "' on farm '" + farm + "' failed", e);
      throw RenderErrors.envelope(503, "adapter.unavailable",
          "Failed to cancel job '" + jobId + "' on farm '" + farm + "'.",
          "Check connectivity to the render farm and retry the cancellation once the service is "
              + "healthy.", context);
    }
    if (result == null) {
      return byId.getOrDefault(jobId, job).metadata();
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
    return RenderAnalytics.metrics(jobs(), now());
  }

  private List<RenderJob> jobs() {
    return new ArrayList<>(bySequence.values());
  }

  /** Every job in memory, taken consistently under the domain lock (snapshot writes). */
  private List<RenderJob> captureAll() {
    return domain.atomically(() -> new ArrayList<>(bySequence.values()));
  }

  /** {@code GET /render/health} (5.11). */
  public ObjectNode health() {
    ObjectNode body = Json.object();
    body.put("status", "ok");
    ObjectNode history = body.putObject("render_history");
    domain.atomically(() -> {
      history.put("history_size", byId.size());
      history.put("history_limit", settings.historyLimit().orElse(null));
      history.put("history_pruned_total", historyPrunedTotal);
      history.put("last_history_prune_at", Timestamps.format(lastHistoryPruneAt));
      history.put("last_history_pruned", lastHistoryPruned);
    });
    if (store == null) {
      history.putNull("store");
    } else {
      StoreStats stats = store.stats();
      ObjectNode node = history.putObject("store");
      node.put("retained_records", stats.retainedRecords());
      node.put("last_pruned_count", stats.lastPrunedCount());
      node.put("total_pruned", stats.totalPruned());
      node.put("last_pruned_at", Timestamps.format(stats.lastPrunedAt()));
      node.put("last_load_at", Timestamps.format(stats.lastLoadAt()));
      node.put("last_save_at", Timestamps.format(stats.lastSaveAt()));
      node.put("last_rotation_at", Timestamps.format(stats.lastRotationAt()));
      node.put("last_rotation_error", stats.lastRotationError());
      node.put("retention_seconds", stats.retentionSeconds());
      node.put("state", stats.state());
      node.put("last_write_error", stats.lastWriteError());
    }
    body.set("render_summary", RenderAnalytics.summary(jobs(), now()));
    body.set("events", Json.tree(domain.counters()));
    return body;
  }

  /** Whether the job store is enabled (readiness check). */
  public Optional<Path> storePath() {
    return settings.jobsPath();
  }

  /** The job store's writer state ({@link StoreStats}); empty when the store is off. */
  public Optional<String> storeState() {
    return store == null ? Optional.empty() : Optional.of(store.state());
  }

  @Override
  public RenderSummary renderSummary() {
    Map<String, Integer> byStatus = new TreeMap<>();
    Map<String, Integer> byFarm = new TreeMap<>();
    Collection<RenderJob> jobs = jobs();
    for (RenderJob job : jobs) {
      byStatus.merge(job.status(), 1, Integer::sum);
      byFarm.merge(job.farm(), 1, Integer::sum);
    }
    return new RenderSummary(jobs.size(), byStatus, byFarm);
  }

  // ---------------------------------------------------------------- load (5.13.2)

  private void load() {
    JobStore.Loaded loaded = store.load();
    int evicted = domain.atomically(() -> {
      for (RenderJob job : loaded.jobs()) {
        RenderJob sequenced = job.withSequence(nextSequence.incrementAndGet());
        byId.put(sequenced.jobId(), sequenced);
        bySequence.put(sequenced.sequence(), sequenced);
      }
      return enforceLimit(new ArrayList<>());
    });
    LOG.info(() -> "Loaded " + byId.size() + " render jobs from " + store.file() + ".");
    if (loaded.mustRewrite() || evicted > 0) {
      try {
        store.save(jobs());
        store.deleteJournals();
      } catch (IOException e) {
        LOG.log(Level.SEVERE, "Could not rewrite the render job store " + store.file(), e);
      }
    }
  }
}

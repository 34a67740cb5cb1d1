package com.trafalgar.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.config.DashboardSettings.CacheSettings;
import com.trafalgar.ingest.IngestSummaryView;
import com.trafalgar.json.Json;
import com.trafalgar.json.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The live dashboard's cache admin (API.md 4.4, 4.5): the settings and the five buckets of {@code
 * GET /admin/cache}, and the flush of {@code POST /admin/cache} across the dashboard's caches,
 * its remembered aggregates, the ingest registry memo and the roster.
 */
@ApplicationScoped
public class CacheAdmin {
  private static final Logger LOG = Logger.getLogger(CacheAdmin.class.getName());
  /** The buckets of 4.4, in the payload's order. */
  static final List<String> BUCKETS =
      List.of("versions", "review", "projects", "delivery_manifests", "ingest_registry");

  private final DashboardCaches caches;
  private final RosterSync roster;
  private final StatusFigures figures;
  private final Instance<IngestSummaryView> ingestView;
  private final Clock clock;
  private volatile Instant flushedAt;

  @Inject
  public CacheAdmin(
      DashboardCaches caches,
      RosterSync roster,
      StatusFigures figures,
      Instance<IngestSummaryView> ingestView,
      Clock clock) {
    this.caches = caches;
    this.roster = roster;
    this.figures = figures;
    this.ingestView = ingestView;
    this.clock = clock;
  }

  /** For CDI proxies only. */
  protected CacheAdmin() {
    this(null, null, null, null, null);
  }

  /** {@code GET /admin/cache} (4.4). */
  public ObjectNode payload() {
    CacheSettings current = caches.settings();
    ObjectNode body = Json.object();
    body.put("ttl_seconds", current.ttlSeconds());
    body.put("max_records", current.maxRecords());
    body.put("max_projects", current.maxProjects());
    ObjectNode buckets = body.putObject("buckets");
    bucket(buckets, "versions", caches.versions().stats());
    bucket(buckets, "review", caches.reviews().stats());
    ObjectNode projects = bucket(buckets, "projects", roster.stats());
    String writeProblem = roster.writeProblem();
    if (writeProblem != null) {
      projects.put("warning", writeProblem);
    }
    bucket(buckets, "delivery_manifests", caches.deliveries().stats());
    bucket(buckets, "ingest_registry", ingestStats());
    return body;
  }

  /**
   * {@code POST /admin/cache} (4.5): validates, flushes every cache, applies the new settings and
   * answers the admin payload as it is afterwards. A rejected body changes nothing.
   */
  public ObjectNode update(Optional<JsonNode> body) {
    CacheUpdate update = CacheUpdate.parse(body);
    flush();
    caches.apply(update);
    ObjectNode answer = payload();
    // started after the answer is taken, so the answer shows the flushed roster (15)
    roster.syncInBackground();
    return answer;
  }

  private void flush() {
    flushedAt = clock.instant();
    caches.flush();
    figures.forget();
    if (ingestView.isResolvable()) {
      try {
        ingestView.get().forgetFingerprint();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Could not reset the ingest registry memo.", e);
      }
    }
    // 4.5: the roster is reloaded from its file at once, so the answer already counts it
    roster.reload();
  }

  /** The ingest memo; after a flush it counts as empty until the registry is parsed again. */
  private ProjectCache.Stats ingestStats() {
    if (!ingestView.isResolvable()) {
      return new ProjectCache.Stats(0, null, null, 0);
    }
    try {
      IngestSummaryView view = ingestView.get();
      Instant lastRead = view.registryLastRefreshAt();
      Instant flushed = flushedAt;
      if (lastRead == null || (flushed != null && !lastRead.isAfter(flushed))) {
        return new ProjectCache.Stats(0, flushed == null ? lastRead : null, null, 0);
      }
      return new ProjectCache.Stats(view.registryEntries(), lastRead, null, 0);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Ingest registry statistics unavailable.", e);
      return new ProjectCache.Stats(0, null, null, 0);
    }
  }

  /** Writes one bucket of 4.4 into {@code buckets} and returns it. */
  static ObjectNode bucket(ObjectNode buckets, String name, ProjectCache.Stats stats) {
    ObjectNode bucket = buckets.putObject(name);
    bucket.put("entries", stats.entries());
    bucket.put("last_refresh_at", Timestamps.format(stats.lastRefreshAt()));
    bucket.put("expires_at", Timestamps.format(stats.expiresAt()));
    bucket.put("evictions", stats.evictions());
    return bucket;
  }
}

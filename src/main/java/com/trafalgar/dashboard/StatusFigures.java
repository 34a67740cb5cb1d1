package com.trafalgar.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.ingest.IngestSummary;
import com.trafalgar.ingest.IngestSummaryView;
import com.trafalgar.json.Json;
import com.trafalgar.render.RenderSummary;
import com.trafalgar.render.RenderSummaryView;
import com.trafalgar.review.ProjectReview;
import com.trafalgar.review.ReviewSummaryView;
import com.trafalgar.source.DataSources;
import com.trafalgar.source.ProductionSource;
import com.trafalgar.source.SourceException;
import com.trafalgar.source.SourceMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The live figures of {@code /status} and {@code /metrics} (API.md 4.2, 4.3, 9.4, 9.9, 9.10): the
 * overall aggregate over the known projects' versions (remembered by {@link OverallMemo}), and the
 * render, ingest and review summaries through the views those features own. A view that is not
 * deployed, or fails, contributes zeros; a project whose data cannot be fetched contributes nothing.
 */
@ApplicationScoped
public class StatusFigures {
  private static final Logger LOG = Logger.getLogger(StatusFigures.class.getName());

  /**
   * The review summaries of the offline file for a list of known projects, remembered with the
   * file's parsed content: {@code /metrics} polls would otherwise walk every playlist and clip.
   */
  private record OfflineReviews(Object revision, List<String> known, List<ProjectReview> listed) {}

  private final DataSources sources;
  private final DashboardCaches caches;
  private final Instance<RenderSummaryView> renderView;
  private final Instance<IngestSummaryView> ingestView;
  private final Instance<ReviewSummaryView> reviewView;
  private final OverallMemo overallMemo = new OverallMemo();
  private volatile OfflineReviews offlineReviews;

  @Inject
  public StatusFigures(
      DataSources sources,
      DashboardCaches caches,
      Instance<RenderSummaryView> renderView,
      Instance<IngestSummaryView> ingestView,
      Instance<ReviewSummaryView> reviewView) {
    this.sources = sources;
    this.caches = caches;
    this.renderView = renderView;
    this.ingestView = ingestView;
    this.reviewView = reviewView;
  }

  /** For CDI proxies only. */
  protected StatusFigures() {
    this(null, null, null, null, null);
  }

  /**
   * The figures over {@code known}, fixed by the caller before any aggregate is computed (4.2),
   * with {@code errors} mismatches in the reconcile report.
   */
  public Figures of(List<String> known, int errors) {
    Aggregation.Overall overall = overallMemo.get(known, versionParts(known));
    ObjectNode status = Json.object();
    status.put("projects", overall.projects());
    status.put("shots", overall.shots());
    status.put("versions", overall.versions());
    status.put("errors", errors);
    return new Figures(status, ingestFigures(), renderFigures(), reviewFigures(known));
  }

  /** Forgets the remembered aggregates ({@code POST /admin/cache}). */
  public void forget() {
    overallMemo.clear();
    offlineReviews = null;
  }

  /** The version records behind the overall status: per known project, or the whole file. */
  private List<ProjectVersions> versionParts(List<String> known) {
    Optional<ProductionSource> source = sources.dashboardSource();
    List<ProjectVersions> parts = new ArrayList<>();
    if (source.isEmpty()) {
      return parts;
    }
    if (sources.dashboardMode() == SourceMode.OFFLINE) {
      try {
        parts.add(ProjectVersions.lazy(source.get().allVersions()));
      } catch (SourceException | RuntimeException e) {
        LOG.fine(() -> "Offline versions unavailable: " + e);
      }
      return parts;
    }
    Map<String, CompletableFuture<ProjectVersions>> answers =
        caches.versions().getAll(known, DashboardCaches.versionsLoader(source.get()));
    for (Map.Entry<String, CompletableFuture<ProjectVersions>> answer
        : answers.entrySet()) {
      String project = answer.getKey();
      try {
        parts.add(ProjectCache.await(answer.getValue()));
      } catch (SourceException e) {
        // the project contributes nothing; the failure is logged by the source
        LOG.fine(() -> "Versions of '" + project + "' unavailable: " + e.reason());
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Versions of '" + project + "' unavailable.", e);
      }
    }
    return parts;
  }

  private ObjectNode ingestFigures() {
    IngestSummary summary = null;
    if (ingestView.isResolvable()) {
      try {
        summary = ingestView.get().ingestSummary(Figures.INGEST_WINDOW);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Ingest summary unavailable; reporting zeros.", e);
      }
    }
    if (summary == null) {
      summary = new IngestSummary(0, 0, 0, 0, null, 0);
    }
    ObjectNode ingest = Json.object();
    ObjectNode counts = ingest.putObject("counts");
    counts.put("total", summary.total());
    counts.put("successful", summary.successful());
    counts.put("failed", summary.failed());
    counts.put("running", summary.running());
    ingest.put("last_success_at", summary.lastSuccessAt());
    ingest.put("failure_streak", summary.failureStreak());
    return ingest;
  }

  private ObjectNode renderFigures() {
    RenderSummary summary = null;
    if (renderView.isResolvable()) {
      try {
        summary = renderView.get().renderSummary();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Render summary unavailable; reporting zeros.", e);
      }
    }
    if (summary == null) {
      summary = new RenderSummary(0, Map.of(), Map.of());
    }
    ObjectNode render = Json.object();
    render.put("jobs", summary.jobs());
    ObjectNode byStatus = render.putObject("by_status");
    new TreeMap<>(summary.byStatus()).forEach(byStatus::put);
    ObjectNode byFarm = render.putObject("by_farm");
    new TreeMap<>(summary.byFarm()).forEach(byFarm::put);
    return render;
  }

  /** The review summary of 9.10 over the known projects. */
  private ObjectNode reviewFigures(List<String> known) {
    if (sources.dashboardMode() != SourceMode.OFFLINE) {
      return ReviewFigures.of(reviewSummaries(known));
    }
    Optional<Object> revision = sources.reviewBackend().flatMap(ProductionSource::dataRevision);
    OfflineReviews memo = offlineReviews;
    if (revision.isPresent() && memo != null && memo.revision() == revision.get()
        && memo.known().equals(known)) {
      return ReviewFigures.of(memo.listed());
    }
    List<ProjectReview> listed = reviewSummaries(known);
    // summarised after the revision was taken: if the file changed meanwhile, the next request
    // sees a newer revision and summarises again
    revision.ifPresent(token -> offlineReviews = new OfflineReviews(token, known, listed));
    return ReviewFigures.of(listed);
  }

  private List<ProjectReview> reviewSummaries(List<String> known) {
    SourceMode mode = sources.dashboardMode();
    List<ProjectReview> listed = new ArrayList<>();
    if (reviewView.isResolvable() && mode != SourceMode.NONE) {
      ReviewSummaryView view = reviewView.get();
      if (view.configured()) {
        Map<String, CompletableFuture<ProjectReview>> cached = mode == SourceMode.SHOTGRID
            ? caches.reviews().getAll(known, view::summarise)
            : Map.of();
        for (String project : known) {
          try {
            listed.add(mode == SourceMode.SHOTGRID
                ? ProjectCache.await(cached.get(project))
                : view.summarise(project));
          } catch (SourceException e) {
            LOG.fine(() -> "Review summary of '" + project + "' unavailable: " + e.reason());
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Review summary of '" + project + "' unavailable.", e);
          }
        }
      }
    }
    return List.copyOf(listed);
  }
}

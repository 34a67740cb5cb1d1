package com.trafalgar.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.config.DashboardSettings;
import com.trafalgar.http.ApiException;
import com.trafalgar.source.DataSources;
import com.trafalgar.source.ProductionSource;
import com.trafalgar.source.SourceException;
import com.trafalgar.source.SourceMode;
import com.trafalgar.text.Text;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * The dashboard over the production source (API.md 4, 9.4–9.9): ShotGrid through the cache
 * buckets, the offline file read on every request (its changes are visible at once, 15), or
 * nothing. Known projects come from the settings, the {@link RosterSync roster} and, offline, the
 * file; figures from {@link StatusFigures}; the cache admin from {@link CacheAdmin}.
 *
 * <p>{@code @Typed}: it is a {@link Dashboard} only through {@link DashboardSelector}, which
 * chooses it outside demo mode, so that demo mode never creates it.
 */
@ApplicationScoped
@Typed(LiveDashboard.class)
public class LiveDashboard implements Dashboard {
  private static final Logger LOG = Logger.getLogger(LiveDashboard.class.getName());

  private final DashboardSettings settings;
  private final DataSources sources;
  private final RosterSync roster;
  private final DashboardCaches caches;
  private final StatusFigures figures;
  private final CacheAdmin admin;
  private final MemoisedJsonFile<List<ObjectNode>> reconcileReport;

  @Inject
  public LiveDashboard(
      DashboardSettings settings,
      DataSources sources,
      RosterSync roster,
      DashboardCaches caches,
      StatusFigures figures,
      CacheAdmin admin) {
    this.settings = settings;
    this.sources = sources;
    this.roster = roster;
    this.caches = caches;
    this.figures = figures;
    this.admin = admin;
    this.reconcileReport =
        settings.reconcileReport()
            .map(path -> new MemoisedJsonFile<List<ObjectNode>>(path, Reconciliation::mismatches,
                List.of()))
            .orElse(null);
  }

  /** For CDI proxies only. */
  protected LiveDashboard() {
    this.settings = null;
    this.sources = null;
    this.roster = null;
    this.caches = null;
    this.figures = null;
    this.admin = null;
    this.reconcileReport = null;
  }

  /**
   * Created at startup by {@link DashboardSelector}: the roster is loaded and its first sync
   * started then (9.5).
   */
  @PostConstruct
  void start() {
    roster.start();
  }

  @Override
  public SourceMode mode() {
    return sources.dashboardMode();
  }

  @Override
  public List<String> knownProjects() {
    TreeSet<String> known = new TreeSet<>(settings.alwaysKnownProjects());
    known.addAll(roster.names());
    Optional<ProductionSource> source = sources.dashboardSource();
    if (sources.dashboardMode() == SourceMode.OFFLINE && source.isPresent()) {
      try {
        known.addAll(source.get().listProjects());
      } catch (SourceException | RuntimeException e) {
        LOG.fine(() -> "Offline project list unavailable: " + e);
      }
    }
    return List.copyOf(known);
  }

  @Override
  public Figures figures() {
    // the project list is fixed before any aggregate is computed (4.2)
    List<String> known = knownProjects();
    return figures.of(known, errors().size());
  }

  @Override
  public ObjectNode project(String project) {
    return Aggregation.projectSummary(project, projectVersions(project));
  }

  @Override
  public ObjectNode episodes(String project) {
    return Aggregation.episodes(project, projectVersions(project));
  }

  /**
   * The records of a project route, or the 404/502 of 4.6. In shotgrid mode a project is fetched
   * (through the versions bucket) under each known name it matches ignoring case.
   */
  private List<JsonNode> projectVersions(String project) {
    List<String> known = knownProjects();
    List<JsonNode> records = new ArrayList<>();
    Optional<ProductionSource> source = sources.dashboardSource();
    if (source.isPresent()) {
      try {
        if (sources.dashboardMode() == SourceMode.SHOTGRID) {
          for (String candidate : known) {
            if (candidate.equalsIgnoreCase(project)) {
              records.addAll(caches.versions()
                  .get(candidate, DashboardCaches.versionsLoader(source.get())).records());
            }
          }
        } else {
          records.addAll(source.get().versions(project));
        }
      } catch (SourceException e) {
        throw ApiException.detail(502, "ShotGrid query failed: " + e.reason());
      }
    }
    List<JsonNode> matched = Aggregation.matching(project, records);
    if (matched.isEmpty() && !known.contains(project)) {
      throw ApiException.detail(404, "Project not found");
    }
    return matched;
  }

  @Override
  public List<ObjectNode> errors() {
    return reconcileReport == null ? List.of() : reconcileReport.read();
  }

  @Override
  public List<ObjectNode> errorSummary() {
    return Reconciliation.summary(errors());
  }

  @Override
  public List<ObjectNode> deliveries(String project, boolean withLinks) {
    return Deliveries.answer(project, caches.deliveries().list(project), withLinks);
  }

  @Override
  public ObjectNode deliveryManifest(String project, String delivery) {
    return Deliveries.manifestAnswer(caches.deliveries().files(project, Text.trim(delivery)));
  }

  @Override
  public ObjectNode cache() {
    return admin.payload();
  }

  @Override
  public ObjectNode updateCache(Optional<JsonNode> body) {
    return admin.update(body);
  }
}

package com.trafalgar.source;

import com.trafalgar.config.ConfigReader;
import com.trafalgar.config.ShotGridSettings;
import com.trafalgar.metrics.OperationalMetrics;
import com.trafalgar.shotgrid.ShotGridClient;
import com.trafalgar.shotgrid.Sleeper;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The data-source selection of API.md 9.1, made once at startup.
 *
 * <ul>
 *   <li>Dashboard mode: {@code demo} when {@code TRAFALGAR_DEMO_MODE=true}; else {@code shotgrid}
 *       when URL, script and key are all set; else {@code offline} when {@code
 *       TRAFALGAR_OFFLINE_DATA} is set; else {@code none}.
 *   <li>Review backend: ShotGrid when configured, else the offline file, else none. Demo mode does
 *       not give review routes any data (13: review routes are unaffected by it).
 * </ul>
 *
 * With ShotGrid configured, {@code TRAFALGAR_OFFLINE_DATA} is ignored with a warning.
 */
@ApplicationScoped
public class DataSources {
  private static final Logger LOG = Logger.getLogger(DataSources.class.getName());

  private final ConfigReader config;
  private final Clock clock;
  private final Sleeper sleeper;
  private final OperationalMetrics metrics;
  private SourceMode dashboardMode;
  private ProductionSource backend;
  private ShotGridClient shotGrid;

  @Inject
  public DataSources(ConfigReader config, Clock clock, OperationalMetrics metrics) {
    this(config, clock, Sleeper.system(), metrics);
  }

  /** Selects now (for tests and plain Java use); CDI selects in {@code @PostConstruct}. */
  public static DataSources select(ConfigReader config, Clock clock, Sleeper sleeper) {
    DataSources sources = new DataSources(config, clock, sleeper, null);
    sources.select();
    return sources;
  }

  private DataSources(ConfigReader config, Clock clock, Sleeper sleeper,
      OperationalMetrics metrics) {
    this.config = config;
    this.clock = clock;
    this.sleeper = sleeper;
    this.metrics = metrics;
  }

  /** For CDI proxies only. */
  protected DataSources() {
    this.config = null;
    this.clock = null;
    this.sleeper = null;
    this.metrics = null;
  }

  @PostConstruct
  void select() {
    boolean demo = config.flag("TRAFALGAR_DEMO_MODE");
    ShotGridSettings settings = ShotGridSettings.from(config);
    Optional<Path> offline = config.path("TRAFALGAR_OFFLINE_DATA");
    if (settings.configured()) {
      offline.ifPresent(
          path ->
              LOG.warning(
                  "ShotGrid is configured: TRAFALGAR_OFFLINE_DATA (" + path + ") is ignored."));
      shotGrid = new ShotGridClient(settings, clock, sleeper);
      if (metrics != null) {
        shotGrid.onCallOutcome(metrics::shotGridRequest);
      }
      backend = new ShotGridSource(shotGrid);
    } else if (offline.isPresent()) {
      backend = new OfflineSource(offline.get());
    }
    dashboardMode = demo ? SourceMode.DEMO : backend == null ? SourceMode.NONE : backend.mode();
    LOG.info(
        () ->
            "Dashboard data source: "
                + dashboardMode.label()
                + "; review backend: "
                + (backend == null ? "none" : backend.mode().label())
                + ".");
  }

  @PreDestroy
  void close() {
    if (shotGrid != null) {
      shotGrid.close();
    }
  }

  /** The dashboard's mode. */
  public SourceMode dashboardMode() {
    return dashboardMode;
  }

  /** The dashboard's source: present in {@code shotgrid} and {@code offline} modes. */
  public Optional<ProductionSource> dashboardSource() {
    return dashboardMode == SourceMode.DEMO ? Optional.empty() : Optional.ofNullable(backend);
  }

  /** The review routes' backend: ShotGrid when configured, else the offline file, else none. */
  public Optional<ProductionSource> reviewBackend() {
    return Optional.ofNullable(backend);
  }

  /** Whether ShotGrid is configured (all three settings set). */
  public boolean shotGridConfigured() {
    return shotGrid != null;
  }

  /**
   * The {@code shotgrid} readiness check (1.5): ShotGrid is not configured, or its last request
   * succeeded.
   */
  public boolean shotGridHealthy() {
    return shotGrid == null || shotGrid.lastRequestSucceeded();
  }
}

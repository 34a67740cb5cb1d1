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
import java.util.concurrent.TimeUnit;
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
  /** The offline file's first parse, started with the application; {@code null} otherwise. */
  private Thread firstRead;

  @Inject
  public DataSources(ConfigReader config, Clock clock, OperationalMetrics metrics) {
    this(config, clock, Sleeper.system(), metrics);
  }

  /**
   * Selects now and reads the offline file at once (for tests and plain Java use); CDI selects in
   * {@code @PostConstruct}.
   */
  public static DataSources select(ConfigReader config, Clock clock, Sleeper sleeper) {
    DataSources sources = new DataSources(config, clock, sleeper, null);
    sources.select(false);
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

  /**
   * Selects the sources when the application starts. The offline file's first parse (seconds for
   * a large show) runs on a background thread instead of holding up the deployment; a request
   * that needs the file before it is done waits for that parse (the source is synchronised).
   */
  @PostConstruct
  void start() {
    select(true);
  }

  private void select(boolean readInBackground) {
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
      OfflineSource file = new OfflineSource(offline.get(), !readInBackground);
      backend = file;
      if (readInBackground) {
        firstRead = new Thread(file::current, "trafalgar-offline-first-read");
        firstRead.setDaemon(true);
        firstRead.start();
      }
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
    Thread reading = firstRead;
    if (reading != null) {
      try {
        reading.join(TimeUnit.SECONDS.toMillis(2)); // a parse cannot be interrupted: let it end
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
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

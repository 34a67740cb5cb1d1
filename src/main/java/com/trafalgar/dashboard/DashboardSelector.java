package com.trafalgar.dashboard;

import com.trafalgar.config.ConfigReader;
import com.trafalgar.config.DashboardSettings;
import com.trafalgar.config.StartupWork;
import com.trafalgar.source.DataSources;
import com.trafalgar.source.SourceMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.logging.Logger;

/**
 * Chooses the {@link Dashboard} once, from the data-source mode selected at startup (API.md 9.1):
 * {@link DemoDashboard} in demo mode, else {@link LiveDashboard}. Also parses the dashboard
 * settings once, so each unusable value is logged once.
 */
@ApplicationScoped
public class DashboardSelector {
  private static final Logger LOG = Logger.getLogger(DashboardSelector.class.getName());

  @Produces
  @Singleton
  DashboardSettings settings(ConfigReader config) {
    return DashboardSettings.from(config);
  }

  @Produces
  @ApplicationScoped
  Dashboard dashboard(DataSources sources, Instance<LiveDashboard> live) {
    return choose(sources.dashboardMode(), live);
  }

  /** The implementation for {@code mode}; the live one is created only when chosen. */
  static Dashboard choose(SourceMode mode, Instance<LiveDashboard> live) {
    return mode == SourceMode.DEMO ? new DemoDashboard() : live.get();
  }

  /**
   * Creates the dashboard when the application starts, so the live one loads its roster and starts
   * its first sync then (9.5), on the startup thread. The settings are injected here so that they
   * are parsed, and unusable values logged, at startup in every mode, demo included.
   */
  void onStartup(
      @Observes @Initialized(ApplicationScoped.class) Object event,
      DashboardSettings settings,
      StartupWork startup,
      Dashboard dashboard) {
    startup.start("the dashboard", () -> {
      // called outside the log statement: the call is what creates the dashboard
      SourceMode mode = dashboard.mode();
      LOG.fine(() -> "Dashboard ready in mode " + mode.label());
    });
  }
}

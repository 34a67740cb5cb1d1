package com.trafalgar.source;

import com.trafalgar.config.ConfigReader;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The data-source selection of API.md 9.1, made once at startup: the dashboard's mode and source,
 * and the review backend (ShotGrid when configured, else the offline file; demo mode gives the
 * review routes nothing).
 *
 * <p>Foundation version: demo or none. The data-sources work adds ShotGrid and offline.
 */
@ApplicationScoped
public class DataSources {
  private final ConfigReader config;
  private SourceMode dashboardMode;

  @Inject
  public DataSources(ConfigReader config) {
    this.config = config;
  }

  /** For CDI proxies only. */
  protected DataSources() {
    this.config = null;
  }

  @PostConstruct
  void select() {
    dashboardMode = config.flag("TRAFALGAR_DEMO_MODE") ? SourceMode.DEMO : SourceMode.NONE;
  }

  /** The dashboard's mode. */
  public SourceMode dashboardMode() {
    return dashboardMode;
  }

  /** The dashboard's source: present in {@code shotgrid} and {@code offline} modes. */
  public Optional<ProductionSource> dashboardSource() {
    return Optional.empty();
  }

  /** The review routes' backend: ShotGrid when configured, else the offline file, else none. */
  public Optional<ProductionSource> reviewBackend() {
    return Optional.empty();
  }
}

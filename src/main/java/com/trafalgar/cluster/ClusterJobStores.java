package com.trafalgar.cluster;

import com.trafalgar.config.RenderSettings;
import com.trafalgar.events.EventDomains;
import com.trafalgar.render.JobStore;
import com.trafalgar.render.JobStoreFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * In clustered mode, render jobs live in the cluster database ({@link JdbcJobStore}); otherwise
 * this supplies nothing and the file store stays.
 */
@ApplicationScoped
public class ClusterJobStores implements JobStoreFactory {
  private static final Logger LOG = Logger.getLogger(ClusterJobStores.class.getName());

  private final ClusterDatabase database;
  private final EventDomains domains;

  @Inject
  public ClusterJobStores(ClusterDatabase database, EventDomains domains) {
    this.database = database;
    this.domains = domains;
  }

  /** For CDI proxies only. */
  protected ClusterJobStores() {
    this(null, null);
  }

  @Override
  public Optional<JobStore> jobStore(RenderSettings settings, Clock clock) {
    return database.dataSource().map(dataSource -> {
      settings.jobsPath().ifPresent(path -> LOG.warning(() -> "Clustered mode: the render jobs "
          + "are in the cluster database; TRAFALGAR_RENDER_JOBS_PATH is ignored."));
      return new JdbcJobStore(dataSource, settings.retention(), clock,
          database.instanceId(), domains.render());
    });
  }
}

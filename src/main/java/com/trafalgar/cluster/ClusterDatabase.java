package com.trafalgar.cluster;

import com.trafalgar.config.ClusterSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The clustered mode's database (docs/cluster.md): the container-managed DataSource named by
 * {@code TRAFALGAR_CLUSTER_DATASOURCE}, looked up once at startup, with its schema migrated before
 * any request. Unset, there is no database and every feature keeps its files.
 *
 * <p>A DataSource that cannot be found, or a database that stays unreachable for {@link
 * #STARTUP_PATIENCE}, fails the deployment: an instance that silently fell back to a local file
 * would split the service in two.
 */
@ApplicationScoped
public class ClusterDatabase {
  private static final Logger LOG = Logger.getLogger(ClusterDatabase.class.getName());
  /** How long startup waits for the database (several instances may start with it). */
  static final Duration STARTUP_PATIENCE = Duration.ofSeconds(30);

  private final ClusterSettings settings;
  /** This instance's name in the event log and the leases: unique per start. */
  private final String instanceId = UUID.randomUUID().toString();
  private DataSource dataSource;

  @Inject
  public ClusterDatabase(ClusterSettings settings) {
    this.settings = settings;
  }

  /** For CDI proxies only. */
  protected ClusterDatabase() {
    this(ClusterSettings.standalone());
  }

  /** Starts with the application, so a wrong DataSource fails the deployment, not a request. */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    LOG.info(() -> settings.dataSource()
        .map(name -> "Clustered mode: job store, event log and leases in the DataSource " + name
            + " (instance " + instanceId + ").")
        .orElse("Single-instance mode: TRAFALGAR_CLUSTER_DATASOURCE is unset, the job store is "
            + "a file."));
  }

  @PostConstruct
  void start() {
    settings.dataSource().ifPresent(name -> {
      dataSource = lookup(name);
      migrate(dataSource, STARTUP_PATIENCE);
    });
  }

  /** The shared database; empty in single-instance mode. */
  public Optional<DataSource> dataSource() {
    return Optional.ofNullable(dataSource);
  }

  public boolean clustered() {
    return dataSource != null;
  }

  /** This instance's identity (a random UUID per start). */
  public String instanceId() {
    return instanceId;
  }

  private static DataSource lookup(String name) {
    try {
      Object found = new InitialContext().lookup(name);
      if (found instanceof DataSource ds) {
        return ds;
      }
      throw new IllegalStateException("TRAFALGAR_CLUSTER_DATASOURCE names " + name
          + ", which is not a DataSource.");
    } catch (NamingException e) {
      throw new IllegalStateException("TRAFALGAR_CLUSTER_DATASOURCE names " + name
          + ", which the server does not define (docs/operations.md, clustered deployment).", e);
    }
  }

  /** Migrates, retrying while the database is unreachable, for at most {@code patience}. */
  static void migrate(DataSource dataSource, Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    long pause = 250;
    while (true) {
      try {
        Migrations.migrate(dataSource);
        return;
      } catch (RuntimeException e) {
        if (System.nanoTime() + pause * 1_000_000 > deadline) {
          throw new IllegalStateException("The cluster schema could not be migrated.", e);
        }
        LOG.log(Level.WARNING, "The cluster database is not ready; retrying in " + pause
            + " ms.", e);
        sleep(pause);
        pause = Math.min(pause * 2, 4000);
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the cluster database.", e);
    }
  }
}

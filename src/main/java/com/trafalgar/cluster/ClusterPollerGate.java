package com.trafalgar.cluster;

import com.trafalgar.render.PollerGate;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * In clustered mode the render status poller runs on one instance: the holder of the lease
 * {@value #LEASE} (docs/cluster.md, <i>Leases</i>). Its changes reach the other instances through
 * the job store's change feed. When the holder dies another instance takes over within {@link
 * #TTL}; an orderly stop hands the lease over at once. Not clustered, this instance polls.
 */
@ApplicationScoped
public class ClusterPollerGate implements PollerGate {
  static final String LEASE = "render.poller";
  /** The take-over time after a crash. */
  static final Duration TTL = Duration.ofSeconds(5);

  private final ClusterDatabase database;
  private LeaseKeeper keeper;
  private Lease lease;

  @Inject
  public ClusterPollerGate(ClusterDatabase database) {
    this.database = database;
  }

  /** For CDI proxies only. */
  protected ClusterPollerGate() {
    this(null);
  }

  @PostConstruct
  void start() {
    database.dataSource().ifPresent(dataSource -> {
      lease = new Lease(dataSource, LEASE, database.instanceId(), TTL);
      keeper = new LeaseKeeper(lease, TTL, new LeaseKeeper.Listener() {
        @Override
        public void gained() {
          // the poller asks pollHere() before each round
        }

        @Override
        public void lost() {
          // idem
        }
      });
      keeper.start();
    });
  }

  @PreDestroy
  void stop() {
    if (keeper != null) {
      keeper.close();
    }
  }

  @Override
  public boolean pollHere() {
    return lease == null || lease.held();
  }
}

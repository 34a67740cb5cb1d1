package com.trafalgar.cluster;

import com.trafalgar.events.DomainEvent;
import com.trafalgar.events.EventDomain;
import com.trafalgar.events.SharedEventLog;
import com.trafalgar.ingest.WatcherGate;
import com.trafalgar.json.Json;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The event domains' shared log in clustered mode (docs/cluster.md, <i>Cluster-wide event
 * ids</i>): implements {@code events}' {@link SharedEventLog} over the {@link EventLog}, so ids are
 * cluster-wide and a {@code Last-Event-ID} is replayed from the table on any instance, and
 * {@code ingest}'s {@link WatcherGate}: the registry watcher runs, and run events are logged, on
 * the holder of the lease {@value #WATCHER_LEASE} only ({@link RunEventWriter}); every instance
 * delivers them from the log. Not clustered, it is inactive and starts nothing.
 */
@ApplicationScoped
public class ClusterEventLog implements SharedEventLog, WatcherGate {
  static final String WATCHER_LEASE = "ingest.watcher";
  /** The take-over time after a crash of the watcher's instance. */
  static final Duration TTL = Duration.ofSeconds(5);
  private static final Duration POLL = Duration.ofSeconds(1);

  private final DataSource dataSource;
  private final String origin;
  private final EventLog log;
  private final Lease lease;
  private EventDomain ingest;
  private WatcherGate.Baseline baseline;
  private EventLogFollower follower;
  private RunEventWriter writer;
  private LeaseKeeper keeper;

  @Inject
  public ClusterEventLog(ClusterDatabase database) {
    this(database.dataSource().orElse(null), database.instanceId());
  }

  /** For CDI proxies only. */
  protected ClusterEventLog() {
    this(null, null);
  }

  /**
   * @param dataSource the cluster database; null: single-instance mode (inactive)
   * @param origin this instance's id
   */
  ClusterEventLog(DataSource dataSource, String origin) {
    this.dataSource = dataSource;
    this.origin = origin;
    this.log = dataSource == null ? null : new EventLog(dataSource, origin);
    this.lease = dataSource == null ? null : new Lease(dataSource, WATCHER_LEASE, origin, TTL);
  }

  @Override
  public boolean active() {
    return dataSource != null;
  }

  @Override
  public long head(String domain) throws LogUnavailableException {
    try {
      return log.head(domain);
    } catch (SQLException e) {
      throw new LogUnavailableException("The event log could not be read.", e);
    }
  }

  /**
   * The replay of API.md 8.5 from the table: every event after {@code afterId} up to the head, when
   * {@code afterId} is within the newest {@code max} ids and the log still holds the next one.
   */
  @Override
  public Optional<List<DomainEvent>> after(String domain, long afterId, int max)
      throws LogUnavailableException {
    try {
      long head = log.head(domain);
      if (afterId > head || head - afterId > max) {
        return Optional.empty();
      }
      if (afterId == head) {
        return Optional.of(List.of());
      }
      List<EventLog.Entry> entries = log.after(domain, afterId, (int) (head - afterId));
      if (entries.isEmpty() || entries.get(0).id() != afterId + 1) {
        return Optional.empty(); // pruned
      }
      List<DomainEvent> events = new ArrayList<>(entries.size());
      for (EventLog.Entry entry : entries) {
        events.add(new DomainEvent(entry.id(), entry.event(),
            Json.mapper().readTree(entry.payload()), entry.payload()));
      }
      return Optional.of(events);
    } catch (SQLException | IOException e) {
      throw new LogUnavailableException("The event log could not be read.", e);
    }
  }

  /** The ingest domain's run events: logged by the watcher's instance only. */
  @Override
  public void append(String domain, String event, String data) {
    RunEventWriter running = writer;
    if (running != null && domain.equals(RunEventWriter.DOMAIN)) {
      running.append(event, data);
    }
  }

  /** Delivers the ingest domain's logged events (render's are followed by its job store). */
  @Override
  public synchronized void follow(EventDomain domain) {
    if (!domain.name().equals(RunEventWriter.DOMAIN) || follower != null) {
      return;
    }
    ingest = domain;
    follower = new EventLogFollower(dataSource, log,
        Map.of(domain.name(), domain.lastEventId()), POLL,
        (name, entry) -> domain.deliver(entry.id(), entry.event(), entry.payload(),
            payload -> { }));
    follower.start();
    startWatching();
  }

  @Override
  public synchronized void attach(WatcherGate.Baseline registry) {
    baseline = registry;
    startWatching();
  }

  /** Once both the ingest domain and the registry are known: claim the watcher's lease. */
  private void startWatching() {
    if (!active() || ingest == null || baseline == null || keeper != null) {
      return;
    }
    writer = new RunEventWriter(dataSource, log, lease, origin, ingest, baseline);
    RunEventWriter started = writer;
    keeper = new LeaseKeeper(lease, TTL, new LeaseKeeper.Listener() {
      @Override
      public void gained() {
        started.gained();
      }

      @Override
      public void lost() {
        started.lost();
      }
    });
    keeper.start();
  }

  @Override
  public boolean watchHere() {
    return lease == null || lease.held();
  }

  @PreDestroy
  synchronized void stop() {
    if (keeper != null) {
      keeper.close(); // releases the lease: another instance takes over at once
    }
    if (writer != null) {
      writer.close();
    }
    if (follower != null) {
      follower.close();
    }
  }
}

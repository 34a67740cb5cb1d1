package com.trafalgar.cluster;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Reads the {@link EventLog} as it grows and hands each event, once and in id order per domain, to
 * a consumer (the instance's own SSE and WebSocket delivery).
 *
 * <p>One thread ({@code trafalgar-cluster-events}) holds one connection that {@code LISTEN}s on
 * {@link EventLog#CHANNEL} and waits for a notification naming one of its domains or {@code
 * fallbackPoll}, whichever comes first, then reads every domain from its last delivered id on
 * that same connection. A notification is only a wake-up: a missed one (a dropped connection, a
 * driver without the PostgreSQL notification API on the class path) costs at most {@code
 * fallbackPoll} of latency, never an event. A lost connection is reopened with back-off and reading resumes from the last
 * delivered id.
 *
 * <p>The notification API ({@code org.postgresql.PGConnection#getNotifications(int)}) is called
 * reflectively through {@link Connection#unwrap}, so the WAR needs the driver only at run time and
 * only where the container lets it see it (docs/cluster.md).
 */
public final class EventLogFollower implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(EventLogFollower.class.getName());
  private static final int BATCH = 500;

  private final DataSource dataSource;
  private final EventLog log;
  private final Duration fallbackPoll;
  private final BiConsumer<String, EventLog.Entry> consumer;
  /** The last delivered id per domain; follower thread only after start. */
  private final Map<String, Long> positions;
  private volatile boolean running;
  private Thread thread;
  private boolean warnedNoListen;

  /**
   * @param from each domain to follow and the id after which delivery starts
   * @param consumer receives (domain, event) on the follower thread; must not block for long
   */
  public EventLogFollower(DataSource dataSource, EventLog log, Map<String, Long> from,
      Duration fallbackPoll, BiConsumer<String, EventLog.Entry> consumer) {
    this.dataSource = dataSource;
    this.log = log;
    this.fallbackPoll = fallbackPoll;
    this.consumer = consumer;
    this.positions = new LinkedHashMap<>(from);
  }

  public synchronized void start() {
    running = true;
    thread = new Thread(this::run, "trafalgar-cluster-events");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    long backoff = 100;
    while (running) {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(true);
        try (Statement listen = c.createStatement()) {
          listen.execute("LISTEN " + EventLog.CHANNEL);
        }
        Notifications wake = Notifications.of(c);
        if (wake == null && !warnedNoListen) {
          warnedNoListen = true;
          LOG.warning(() -> "The PostgreSQL driver's notification API is not visible to the "
              + "application; other instances' events arrive by polling every "
              + fallbackPoll.toMillis() + " ms.");
        }
        backoff = 100;
        while (running) {
          catchUp(c);
          awaitOwnDomain(wake);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (SQLException | RuntimeException e) {
        if (!running) {
          return;
        }
        LOG.log(Level.WARNING, "Lost the event log connection; reconnecting in " + backoff
            + " ms (no event is lost: reading resumes where it stopped).", e);
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
        backoff = Math.min(backoff * 2, 5000);
      }
    }
  }

  /**
   * Waits until a notification names a followed domain or the fallback poll is due. An instance's
   * followers listen on one channel and each follows one domain; reading on every wake-up made
   * the ingest follower read its empty domain once per render commit, half of all log reads under
   * load (docs/cluster.md). Any notification the follower cannot read the domain of wakes it.
   */
  private void awaitOwnDomain(Notifications wake) throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + fallbackPoll.toNanos();
    while (running) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        return;
      }
      if (wake == null) {
        Thread.sleep(left);
        return;
      }
      if (wake.await((int) Math.min(left, Integer.MAX_VALUE), positions.keySet())) {
        return;
      }
    }
  }

  /**
   * Delivers everything logged after the current positions, read on the listening connection: no
   * pool checkout (and its validation query) between a wake-up and the read.
   */
  void catchUp(Connection c) throws SQLException {
    for (Map.Entry<String, Long> position : positions.entrySet()) {
      String domain = position.getKey();
      while (true) {
        List<EventLog.Entry> entries = log.after(c, domain, position.getValue(), BATCH);
        if (!entries.isEmpty() && entries.get(0).id() != position.getValue() + 1) {
          // ids are consecutive: the missing ones were pruned while this reader lagged
          long missed = entries.get(0).id() - position.getValue() - 1;
          LOG.severe(() -> "Missed " + missed + " " + domain + " events pruned from the event log "
              + "while this instance lagged; restart it to reload the shared state.");
        }
        for (EventLog.Entry entry : entries) {
          position.setValue(entry.id());
          try {
            consumer.accept(domain, entry);
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Delivering logged event " + entry.id() + " failed", e);
          }
        }
        if (entries.size() < BATCH) {
          break;
        }
      }
    }
  }

  @Override
  public synchronized void close() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
  }

  /**
   * PgJDBC's {@code getNotifications(int)} and {@code PGNotification#getParameter()} (the domain
   * {@link EventLog} sends), reached reflectively; null where not visible.
   */
  private record Notifications(Object connection, Method get, Method parameter) {
    static Notifications of(Connection c) {
      for (ClassLoader loader : new ClassLoader[] {Thread.currentThread().getContextClassLoader(),
          c.getClass().getClassLoader(), EventLogFollower.class.getClassLoader()}) {
        try {
          Class<?> api = Class.forName("org.postgresql.PGConnection", false, loader);
          if (c.isWrapperFor(api)) {
            Class<?> notification = Class.forName("org.postgresql.PGNotification", false,
                api.getClassLoader());
            return new Notifications(c.unwrap(api), api.getMethod("getNotifications", int.class),
                notification.getMethod("getParameter"));
          }
        } catch (ClassNotFoundException | NoSuchMethodException | SQLException
            | RuntimeException e) {
          // try the next loader
        }
      }
      return null;
    }

    /**
     * Waits up to {@code millis} for notifications.
     *
     * @return whether one arrived that names one of {@code domains} (or names nothing readable)
     */
    boolean await(int millis, Set<String> domains) throws SQLException {
      try {
        Object received = get.invoke(connection, Math.max(1, millis));
        int count = received == null ? 0 : Array.getLength(received);
        for (int i = 0; i < count; i++) {
          Object domain = parameter.invoke(Array.get(received, i));
          if (!(domain instanceof String name) || domains.contains(name)) {
            return true;
          }
        }
        return false;
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof SQLException sql) {
          throw sql;
        }
        throw new IllegalStateException(e.getCause());
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}

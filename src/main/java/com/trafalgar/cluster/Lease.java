package com.trafalgar.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * One named lease in {@code trafalgar_leases}: at most one instance holds it at a time, for
 * singleton work such as the farm status poller (docs/cluster.md, <i>Singleton work</i>).
 *
 * <p>The holder renews it well within its time to live; another instance takes it over once
 * {@code expires_at} has passed. Expiry is judged by the database's clock only, so instances'
 * clocks need not agree. The holder judges its own lease conservatively from its monotonic clock:
 * it counts the lease from the moment it <em>sent</em> the renewal, so it stops the work before
 * any other instance can start it. A lease is not a connection (unlike a session advisory lock),
 * so a pool that recycles connections or a proxy that cuts idle ones cannot drop it silently.
 */
public final class Lease {
  private static final String CLAIM = """
      INSERT INTO trafalgar_leases AS l (name, holder, expires_at)
      VALUES (?, ?, clock_timestamp() + make_interval(secs => ?))
      ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
      WHERE l.holder = EXCLUDED.holder OR l.expires_at < clock_timestamp()
      RETURNING holder""";
  private static final String RELEASE =
      "DELETE FROM trafalgar_leases WHERE name = ? AND holder = ?";

  private final DataSource dataSource;
  private final String name;
  private final String holder;
  private final Duration ttl;
  private final LongSupplier nanoTime;
  /** Monotonic time until which this instance may act as holder; 0 = not held. */
  private volatile long heldUntilNanos;

  /**
   * @param name the work, e.g. {@code render.poller}
   * @param holder this instance's id
   * @param ttl how long a claim lasts without renewal (the take-over time after a crash)
   */
  public Lease(DataSource dataSource, String name, String holder, Duration ttl) {
    this(dataSource, name, holder, ttl, System::nanoTime);
  }

  Lease(DataSource dataSource, String name, String holder, Duration ttl, LongSupplier nanoTime) {
    this.dataSource = dataSource;
    this.name = name;
    this.holder = holder;
    this.ttl = ttl;
    this.nanoTime = nanoTime;
  }

  /**
   * Claims or renews the lease.
   *
   * @return whether this instance holds it now
   * @throws SQLException when the database could not be asked (the lease then lapses on its own)
   */
  public boolean claim() throws SQLException {
    long sent = nanoTime.getAsLong();
    boolean won;
    try (Connection c = dataSource.getConnection();
        PreparedStatement claim = c.prepareStatement(CLAIM)) {
      c.setAutoCommit(true);
      claim.setQueryTimeout(Math.max(1, (int) (ttl.toSeconds() / 2)));
      claim.setString(1, name);
      claim.setString(2, holder);
      claim.setDouble(3, ttl.toMillis() / 1000.0);
      try (ResultSet rows = claim.executeQuery()) {
        won = rows.next();
      }
    } catch (SQLException e) {
      if (!held()) {
        heldUntilNanos = 0;
      }
      throw e;
    }
    heldUntilNanos = won ? sent + ttl.toNanos() : 0;
    return won;
  }

  /** Whether this instance may still act as holder (its last claim has not run out). */
  public boolean held() {
    long until = heldUntilNanos;
    return until != 0 && nanoTime.getAsLong() - until < 0;
  }

  /** Gives the lease up at once (orderly shutdown), so another instance need not wait it out. */
  public void release() throws SQLException {
    heldUntilNanos = 0;
    try (Connection c = dataSource.getConnection();
        PreparedStatement release = c.prepareStatement(RELEASE)) {
      c.setAutoCommit(true);
      release.setString(1, name);
      release.setString(2, holder);
      release.executeUpdate();
    }
  }

  public String name() {
    return name;
  }
}

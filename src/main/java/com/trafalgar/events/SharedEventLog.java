package com.trafalgar.events;

import java.util.List;
import java.util.Optional;

/**
 * A durable event log shared by several instances (clustered mode, docs/cluster.md): the seam
 * through which {@link EventDomains} takes cluster-wide ids, so this package never depends on the
 * one that implements it. Found as a CDI bean; without one, or when it is not {@link #active()},
 * every domain numbers its own events exactly as a single instance does.
 *
 * <p>In shared mode a domain never delivers what it publishes itself: the event goes into the log
 * (the render job store appends job events in the transaction of their rows; {@link #append}
 * does it for the others), and the implementation reads the log back in id order and hands every
 * event, this instance's and the others', to {@link EventDomain#deliver}.
 */
public interface SharedEventLog {
  /** Whether the service runs clustered; false: single-instance mode, no database. */
  boolean active();

  /** The id of the domain's last logged event (committed). */
  long head(String domain) throws LogUnavailableException;

  /**
   * The logged events of {@code domain} after {@code afterId}, in id order, at most {@code max}:
   * empty Optional when the log cannot replay from there (older than it keeps, or ahead of its
   * head). Reads the database: never call it under a domain's lock.
   */
  Optional<List<DomainEvent>> after(String domain, long afterId, int max)
      throws LogUnavailableException;

  /**
   * Logs an event this instance published (a domain whose events no store transaction carries):
   * queued, never blocking; it reaches the subscribers, with its id, when the log delivers it.
   */
  void append(String domain, String event, String data);

  /**
   * Starts delivering a domain's logged events after its {@code L} to {@link EventDomain#deliver},
   * for a domain that {@linkplain #append logs what it publishes} (ingest); the render store
   * follows the render domain itself, applying each event's job to its history.
   */
  void follow(EventDomain domain);

  /** The log could not be read (the database is unreachable). */
  final class LogUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public LogUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}

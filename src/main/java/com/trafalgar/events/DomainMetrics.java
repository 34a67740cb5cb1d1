package com.trafalgar.events;

/** Receives a domain's counter changes for export (MicroProfile Metrics, API.md 1.5). */
public interface DomainMetrics {
  DomainMetrics NONE = new DomainMetrics() {};

  default void published(String domain) {}

  default void trimmed(String domain, long count) {}

  default void disconnected(String domain) {}
}

package com.trafalgar.metrics;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Logger;

/**
 * The operational counters of API.md 1.5, registered through MicroProfile Metrics where the server
 * provides it (Payara serves them at {@code /mp-metrics}). Where it does not (WildFly 39 dropped
 * MicroProfile Metrics), every call is a no-op, so features can count without caring where they run.
 */
@ApplicationScoped
public class OperationalMetrics {
  private static final Logger LOG = Logger.getLogger(OperationalMetrics.class.getName());
  private static final String REGISTRY_CLASS = "org.eclipse.microprofile.metrics.MetricRegistry";

  /** Where counts go. */
  interface Recorder {
    void increment(String name, long amount, String... tagPairs);
  }

  private volatile Recorder recorder = (name, amount, tagPairs) -> { };

  @PostConstruct
  void bind() {
    String reason;
    try {
      Class.forName(REGISTRY_CLASS, false, OperationalMetrics.class.getClassLoader());
      Recorder bound = MicroProfileRecorder.bind();
      if (bound != null) {
        recorder = bound;
        return;
      }
      reason = "no application MetricRegistry bean";
    } catch (ClassNotFoundException | LinkageError e) {
      reason = "the MicroProfile Metrics API is absent";
    } catch (RuntimeException e) {
      reason = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    String why = reason;
    LOG.info(() -> "Operational counters are not exported (" + why + ").");
  }

  /** {@code trafalgar.render.submissions}: outcome {@code accepted}, {@code rejected} or {@code error}. */
  public void renderSubmission(String farm, String outcome) {
    recorder.increment("trafalgar.render.submissions", 1, "farm", farm, "outcome", outcome);
  }

  /** {@code trafalgar.events.published} for domain {@code render} or {@code ingest}. */
  public void eventPublished(String domain) {
    recorder.increment("trafalgar.events.published", 1, "domain", domain);
  }

  /** {@code trafalgar.events.trimmed}: events dropped from slow subscribers' queues. */
  public void eventsTrimmed(String domain, long count) {
    recorder.increment("trafalgar.events.trimmed", count, "domain", domain);
  }

  /** {@code trafalgar.events.disconnected}: subscribers cut for exceeding the write timeout. */
  public void subscriberDisconnected(String domain) {
    recorder.increment("trafalgar.events.disconnected", 1, "domain", domain);
  }

  /** {@code trafalgar.shotgrid.requests}: one logical ShotGrid call, outcome ok or error. */
  public void shotGridRequest(boolean ok) {
    recorder.increment("trafalgar.shotgrid.requests", 1, "outcome", ok ? "ok" : "error");
  }
}

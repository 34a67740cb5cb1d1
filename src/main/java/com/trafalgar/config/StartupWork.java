package com.trafalgar.config;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the features that need not hold up the deployment on one background thread, {@code
 * trafalgar-startup}, in the order they ask. The thread begins once the container has started
 * the application's servlets, JAX-RS's among them ({@link StartupGate}): on a two-core machine
 * the features' parsing would otherwise compete with Jersey's or RESTEasy's initialisation and
 * delay the first answer. A request that needs a service before then creates it itself (CDI lets
 * one thread create an application scoped bean and the others wait), so nothing is served
 * half-started. Work whose failure must fail the deployment (the clustered mode's database)
 * stays on the deployment thread.
 */
@ApplicationScoped
public class StartupWork {
  private static final Logger LOG = Logger.getLogger(StartupWork.class.getName());
  /** How long the thread waits for the gate before it begins anyway. */
  private static final Duration GATE_LIMIT = Duration.ofSeconds(10);
  /** Logged when the gate opens; an IT looks for it in the server's log. */
  static final String STARTED =
      "The servlets have started: starting the background features on trafalgar-startup.";

  private final Duration gateLimit;
  private final CountDownLatch servletsStarted = new CountDownLatch(1);
  private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
    Thread worker = new Thread(task, "trafalgar-startup");
    worker.setDaemon(true);
    return worker;
  });

  /** For CDI. */
  public StartupWork() {
    this(GATE_LIMIT);
  }

  StartupWork(Duration gateLimit) {
    this.gateLimit = gateLimit;
  }

  /**
   * Holds the thread until the gate opens: the first task, so what features ask meanwhile queues
   * behind it in order. Not in the constructor: CDI may construct a client proxy through it.
   */
  @PostConstruct
  void holdUntilServletsStart() {
    thread.execute(this::awaitServlets);
  }

  /**
   * Runs {@code work} on the startup thread; a failure is logged and left to the next caller.
   * After {@link #stop()} (the application is going away) it is refused.
   */
  public void start(String feature, Runnable work) {
    thread.execute(() -> {
      try {
        work.run();
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "Starting " + feature + " failed; the first request that needs it "
            + "tries again.", e);
      }
    });
  }

  /** The container has initialised the application's servlets: the queued work may begin. */
  public void servletsStarted() {
    servletsStarted.countDown();
  }

  private void awaitServlets() {
    try {
      if (servletsStarted.await(gateLimit.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.info(STARTED);
      } else {
        LOG.warning(() -> "The startup gate did not open within " + gateLimit.toSeconds()
            + " s (is WEB-INF/web.xml's trafalgar-startup servlet missing?); starting anyway.");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // stop(): the queued work is dropped with the executor
    }
  }

  @PreDestroy
  void stop() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

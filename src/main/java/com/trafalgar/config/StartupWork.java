package com.trafalgar.config;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the features that need not hold up the deployment on one background thread, {@code
 * trafalgar-startup}, in the order they ask: while it creates their services (class loading,
 * Jackson's first use, the watchers), the deployment thread goes on to start JAX-RS. A request
 * that needs a service before then creates it itself (CDI lets one thread create an application
 * scoped bean and the others wait), so nothing is served half-started. Work whose failure must
 * fail the deployment (the clustered mode's database) stays on the deployment thread.
 */
@ApplicationScoped
public class StartupWork {
  private static final Logger LOG = Logger.getLogger(StartupWork.class.getName());

  private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
    Thread worker = new Thread(task, "trafalgar-startup");
    worker.setDaemon(true);
    return worker;
  });

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

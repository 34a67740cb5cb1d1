package com.trafalgar.render;

import com.trafalgar.http.ApiException;
import com.trafalgar.render.farm.CancellableRenderFarmAdapter;
import com.trafalgar.render.farm.FarmCapabilities;
import com.trafalgar.render.farm.FarmResult;
import com.trafalgar.render.farm.FarmSubmission;
import com.trafalgar.render.farm.MockFarmAdapter;
import com.trafalgar.render.farm.PlaceholderFarmAdapter;
import com.trafalgar.render.farm.RenderFarmAdapter;
import com.trafalgar.render.farm.RenderFarmException;
import com.trafalgar.render.farm.RenderFarmRegistry.Registration;
import com.trafalgar.text.Text;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Calls into farm adapters, each with its deadline, and their failures as the contract's answers
 * (docs/render.md, <i>Adapter calls and time limits</i>). Adapters other than the built-in ones run
 * on a bounded pool ({@code trafalgar-render-adapter-*}) so a hung farm cannot hold a request.
 */
final class FarmCalls {
  private static final Logger LOG = Logger.getLogger(FarmCalls.class.getName());
  /** How long a submission, capability query or cancellation may take on an adapter. */
  static final Duration ADAPTER_TIMEOUT = Duration.ofSeconds(30);
  /** How long a status lookup may take; a slow farm must not stall listings. */
  static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(5);
  private static final int MAX_THREADS = 64;
  private static final String SUBMIT_FAILED = "Unexpected error while submitting render job.";

  private volatile Duration callTimeout = ADAPTER_TIMEOUT;
  private volatile Duration lookupTimeout = LOOKUP_TIMEOUT;
  private ThreadPoolExecutor pool;

  /** Creates the pool; its threads come and go with the calls. */
  void start() {
    AtomicInteger threads = new AtomicInteger();
    pool = new ThreadPoolExecutor(0, MAX_THREADS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
        r -> RenderThreads.daemon(r, "trafalgar-render-adapter-" + threads.incrementAndGet()));
  }

  /** Interrupts the calls still running; later calls fail as if every thread were busy. */
  void stop() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  /** Shorter deadlines, for tests of hung adapters. */
  void timeouts(Duration call, Duration lookup) {
    this.callTimeout = call;
    this.lookupTimeout = lookup;
  }

  /** Runs {@code action} on {@code adapter} within the call deadline. */
  <T> T call(RenderFarmAdapter adapter, Callable<T> action) throws Exception {
    return call(adapter, action, callTimeout);
  }

  /** The farm's capabilities for a submission; 400 when the adapter cannot say (5.3). */
  FarmCapabilities capabilities(Registration farm, Map<String, Object> context) {
    try {
      return call(farm.adapter(), farm::effectiveCapabilities);
    } catch (Exception e) {
      throw RenderErrors.envelope(400, "render.capabilities_unavailable",
          "Failed to query capabilities from '" + farm.name() + "' adapter: " + e.getMessage(),
          "Retry once the render farm capabilities endpoint is available or contact an "
              + "administrator.", context);
    }
  }

  /** Submits to the farm; its declared errors, a timeout (503) or anything else (500) (5.3). */
  FarmResult submit(String farm, RenderFarmAdapter adapter, FarmSubmission submission) {
    FarmResult result;
    try {
      result = call(adapter, () -> adapter.submit(submission));
    } catch (RenderFarmException e) {
      throw RenderErrors.of(e);
    } catch (AdapterTimeoutException e) {
      throw RenderErrors.envelope(503, "adapter.unavailable",
          "Render farm '" + farm + "' did not answer: " + e.getMessage() + ".",
          "Check connectivity to the render farm and retry the submission.",
          RenderErrors.context("farm", farm));
    } catch (Exception e) {
      LOG.log(Level.SEVERE, "Render farm adapter '" + farm + "' failed unexpectedly", e);
      throw ApiException.detail(500, SUBMIT_FAILED);
    }
    if (result == null || Text.isBlank(result.jobId())) {
      throw RenderErrors.envelope(502, "adapter.error",
          "Render farm '" + farm + "' did not return a job id.", null,
          RenderErrors.context("farm", farm));
    }
    return result;
  }

  /** Cancels on the farm; its declared errors, or 503 for any other failure (5.9). */
  FarmResult cancel(RenderJob job, CancellableRenderFarmAdapter adapter,
      Map<String, Object> context) {
    try {
      return call(adapter, () -> adapter.cancel(job.farmJob(osUser())));
    } catch (RenderFarmException e) {
      throw RenderErrors.of(e);
    } catch (Exception e) {
      LOG.log(Level.WARNING, "Cancelling job '" + job.jobId() + "' on farm '" + job.farm()
          + "' failed", e);
      throw RenderErrors.envelope(503, "adapter.unavailable",
          "Failed to cancel job '" + job.jobId() + "' on farm '" + job.farm() + "'.",
          "Check connectivity to the render farm and retry the cancellation once the service is "
              + "healthy.", context);
    }
  }

  /** The job's status on its farm within the lookup deadline; empty when unknown or failed. */
  Optional<FarmResult> lookup(RenderJob job, RenderFarmAdapter adapter) {
    Optional<FarmResult> result;
    try {
      result = call(adapter, () -> adapter.lookupStatus(job.farmJob(osUser())), lookupTimeout);
    } catch (Exception e) {
      LOG.log(Level.WARNING, "Status lookup of job '" + job.jobId() + "' on farm '"
          + job.farm() + "' failed; keeping its recorded status", e);
      return Optional.empty();
    }
    return result == null ? Optional.empty() : result;
  }

  /** The operating system user, sent to farms as the job's owner when the request names none. */
  static String osUser() {
    return System.getProperty("user.name");
  }

  /**
   * Runs an adapter call with a deadline. The built-in adapters answer from memory and are called
   * directly; other adapters run on the pool so a hung farm cannot hold the request.
   */
  private <T> T call(RenderFarmAdapter adapter, Callable<T> action, Duration timeout)
      throws Exception {
    if (adapter instanceof MockFarmAdapter || adapter instanceof PlaceholderFarmAdapter) {
      return action.call();
    }
    Future<T> future;
    try {
      future = pool.submit(action);
    } catch (RejectedExecutionException e) {
      throw new AdapterTimeoutException("every adapter thread is busy");
    }
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new AdapterTimeoutException("no answer within " + timeout.getSeconds() + " seconds");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      throw new AdapterTimeoutException("interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception exception) {
        throw exception;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** An adapter call that did not finish in time. */
  static final class AdapterTimeoutException extends Exception {
    private static final long serialVersionUID = 1L;

    AdapterTimeoutException(String message) {
      super(message, null, false, false);
    }
  }
}

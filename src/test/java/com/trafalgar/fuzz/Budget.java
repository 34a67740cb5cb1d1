package com.trafalgar.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How the fuzz tests run one input: on a worker thread, within {@link #MILLIS}, so an input that
 * pins a core (a number like {@code 1e-40000000} turned into an exact integer) is a failing case
 * instead of a build that never ends, in regression mode as in fuzzing mode. The stuck worker is
 * abandoned (a daemon thread) and a fresh one serves the next input. The first input of each
 * target also loads and instruments the classes it reaches, so it gets {@link #FIRST_MILLIS}.
 * Every failure names the input (surefire reports regression cases by index only).
 */
public final class Budget {
  /** Per input; override with {@code -Dfuzz.budget.millis=...}. */
  public static final long MILLIS = Long.getLong("fuzz.budget.millis", 5_000);
  /** The first input of a target (class loading and Jazzer's instrumentation included). */
  public static final long FIRST_MILLIS = Math.max(MILLIS, 60_000);

  private static final Set<Class<?>> WARM = new HashSet<>();
  private static ExecutorService worker = newWorker();

  /** The checks of one input. */
  @FunctionalInterface
  public interface Check {
    void run() throws Exception;
  }

  private Budget() {}

  /**
   * Runs {@code check} on {@code input} within the budget. Any failure, an exceeded budget or an
   * exception the target should never throw, is an {@link AssertionError} that quotes the input.
   */
  public static synchronized void run(byte[] input, Check check) {
    Future<?> future = worker.submit(() -> {
      check.run();
      return null;
    });
    long budget = WARM.add(check.getClass()) ? FIRST_MILLIS : MILLIS;
    try {
      future.get(budget, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      worker.shutdownNow();
      worker = newWorker();
      throw new AssertionError("input " + describe(input) + ": took longer than " + budget
          + " ms (a hostile input must be cheap to accept or reject)");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String message = cause instanceof AssertionError ? cause.getMessage() : cause.toString();
      throw new AssertionError("input " + describe(input) + ": " + message, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** The input's first bytes, printable, and its length. */
  public static String describe(byte[] input) {
    String text = new String(input, 0, Math.min(input.length, 120), StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder("'");
    text.codePoints().forEach(c -> {
      if (c < 0x20 || c == 0x7f || c == 0xfffd) {
        out.append(String.format("\\x%02x", c == 0xfffd ? 0xff : c));
      } else {
        out.appendCodePoint(c);
      }
    });
    out.append(input.length > 120 ? "...'" : "'");
    return out + " (" + input.length + " bytes)";
  }

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "fuzz-budget");
      thread.setDaemon(true);
      return thread;
    });
  }
}

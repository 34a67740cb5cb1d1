package com.trafalgar.bench;

import java.time.Duration;
import java.time.Instant;

/**
 * The benchmark harness of tracker issue 7: {@code mvn -B -Pbench verify} runs this in its own
 * JVM after the WAR is built. Each server configuration is booted, measured against its own
 * baseline, and stopped; the report goes to target/bench and, for a full run, docs/bench-results
 * and docs/benchmarks.md. Missed targets do not fail the build; a broken harness does.
 */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) throws Exception {
    BenchConfig config = new BenchConfig();
    Instant started = Instant.now();
    Results results = new Results();
    Report.describe(config, results, started);
    System.out.printf("[bench] %s run of %s, %d repetition(s); work dir %s%n",
        config.quick ? "QUICK" : "full", config.scenarios, config.reps, config.workDir);
    checkOpenFiles(config, results);
    Scenarios scenarios = new Scenarios(config, results);
    boolean broken = false;
    PageScenario page = new PageScenario(config, results);
    PlatformFloor floor = new PlatformFloor(config, results);
    ClusterScenario cluster = new ClusterScenario(config, results);
    ColdStarts starts = new ColdStarts(config, results, floor, scenarios);
    for (Group group : new Group[] {floor::run, starts::run, scenarios::runMain,
        scenarios::runRenderStore, scenarios::runShotGrid, scenarios::runStreams, cluster::run,
        page::run, floor::compare}) {
      try {
        group.run();
      } catch (Exception | AssertionError e) {
        broken = true;
        e.printStackTrace();
        results.notes.add("harness error: " + e);
      }
    }
    if (scenarios.noisyCores() > 0) {
      results.notes.add(0, String.format(java.util.Locale.ROOT, "**The machine was not quiet**: "
          + "other processes took up to %.2f cores during measured windows; rerun on a quiet "
          + "machine before trusting these figures.", scenarios.noisyCores()));
    }
    double minutes = Duration.between(started, Instant.now()).toMillis() / 60_000.0;
    Report.write(config, results, started, minutes);
    System.exit(broken ? 1 : 0);
  }

  /**
   * 1,100 subscribers and a 1,000-connection burst need file descriptors on both JVMs; HotSpot
   * raises its soft limit to the hard one at startup (MaxFDLimit), so the hard limit is what
   * counts. Says so in the report when it is too low.
   */
  private static void checkOpenFiles(BenchConfig config, Results results) {
    try {
      for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(
          "/proc/self/limits"))) {
        if (line.startsWith("Max open files")) {
          String[] parts = line.substring("Max open files".length()).trim().split("\\s+");
          long soft = parts[0].equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(parts[0]);
          long needed = 2L * (config.sseSubscribers + config.wsSubscribers
              + config.stalledSubscribers + config.coldBurst) + 1024;
          if (soft < needed) {
            results.notes.add("open-file limit " + soft + " is below the " + needed + " this "
                + "run needs: raise it (ulimit -n) before running");
          }
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      // not Linux: nothing to check
    }
  }

  private interface Group {
    void run() throws Exception;
  }
}

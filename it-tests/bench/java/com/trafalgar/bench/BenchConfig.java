package com.trafalgar.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The harness options, from system properties the {@code bench} Maven profile passes on:
 * {@code bench.quick} (smoke run: short windows, one repetition, small stream fan-out),
 * {@code bench.scenarios} (comma list of scenario ids or {@code all}), {@code bench.jfr} (scenario
 * ids whose measurement is recorded with JFR), {@code bench.reps} (repetitions; 0 = default),
 * {@code bench.server.jvmArgs} (extra server JVM flags; {@code recommended}: the recommended
 * line, {@code bench.recommendedJvmArgs}, which the pom passes from its property {@code
 * trafalgar.jvm.recommended}), {@code bench.publish}
 * ({@code true}/{@code false}/{@code auto}: write docs/bench-results; auto = full runs only).
 */
final class BenchConfig {
  static final List<String> ALL = List.of("floor", "metrics", "shotgrid", "render", "streams",
      "ingest", "startup", "page", "cluster");

  final boolean quick;
  final Set<String> scenarios;
  final Set<String> jfr;
  final int reps;
  final List<String> serverJvmArgs;
  /** The JVM line docs/operations.md recommends for Payara Micro (empty when not given). */
  final List<String> recommendedJvmArgs;
  final boolean publish;
  final Path basedir;
  final Path war;
  final Path microJar;
  final Path postboot;
  /** Pre-boot command file, used when the project has one (null otherwise). */
  final Path preboot;
  final Path workDir;
  final String token = "bench-dashboard-token";

  /** Warm-up before every measured window, seconds. */
  final double warmup;
  /**
   * The longest warm-up that waits for the servers' compilers to go quiet (scenario {@code
   * cluster}), seconds; {@code bench.jitWarmup}.
   */
  final double jitWarmupSeconds;
  /** Length of one measured closed-loop window, seconds. */
  final double window;
  /** Sustained ShotGrid protection run (API target: 60 s at 100 req/s). */
  final double sustainSeconds;
  /** Each stream phase (API target: 30 s at 50 events/s). */
  final double streamSeconds;
  final int sseSubscribers;
  final int wsSubscribers;
  final int stalledSubscribers;
  final int coldBurst;
  /** How long a server is left alone after its first 200 before its idle RSS is read. */
  final double idleSeconds;

  BenchConfig() {
    quick = Boolean.parseBoolean(System.getProperty("bench.quick", "false"));
    scenarios = parseSet(System.getProperty("bench.scenarios", "all"), true);
    jfr = parseSet(System.getProperty("bench.jfr", "none"), false);
    int requestedReps = Integer.parseInt(System.getProperty("bench.reps", "0").trim());
    reps = requestedReps > 0 ? requestedReps : (quick ? 1 : 3);
    recommendedJvmArgs = words(System.getProperty("bench.recommendedJvmArgs", ""));
    String jvmArgs = System.getProperty("bench.server.jvmArgs", "").trim();
    serverJvmArgs = jvmArgs.equals("recommended") ? recommendedJvmArgs : words(jvmArgs);
    basedir = Path.of(System.getProperty("bench.basedir", ".")).toAbsolutePath();
    war = Path.of(System.getProperty("bench.war", "target/trafalgar.war")).toAbsolutePath();
    microJar = Path.of(System.getProperty("bench.microJar", "target/payara-micro.jar"))
        .toAbsolutePath();
    postboot = Path.of(System.getProperty("bench.postboot",
        "server-config/payara-micro/post-boot-commands.asadmin")).toAbsolutePath();
    Path prebootFile = Path.of(System.getProperty("bench.preboot",
        "server-config/payara-micro/pre-boot-commands.asadmin")).toAbsolutePath();
    preboot = java.nio.file.Files.isRegularFile(prebootFile) ? prebootFile : null;
    workDir = basedir.resolve("target/bench");
    String publishFlag = System.getProperty("bench.publish", "auto").trim();
    publish = publishFlag.equals("auto") ? !quick && scenarios.containsAll(ALL)
        : Boolean.parseBoolean(publishFlag);
    warmup = quick ? 1.5 : 5;
    window = quick ? 2 : 10;
    String jitWarmup = System.getProperty("bench.jitWarmup", "").trim();
    jitWarmupSeconds = jitWarmup.isEmpty() ? (quick ? 0 : 180) : Double.parseDouble(jitWarmup);
    sustainSeconds = quick ? 6 : 60;
    streamSeconds = quick ? 4 : 30;
    sseSubscribers = quick ? 50 : 1000;
    wsSubscribers = quick ? 10 : 100;
    stalledSubscribers = quick ? 5 : 50;
    coldBurst = quick ? 100 : 1000;
    idleSeconds = quick ? 3 : 10;
  }

  private static List<String> words(String line) {
    String trimmed = line.trim();
    return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("\\s+"));
  }

  boolean runs(String scenario) {
    return scenarios.contains(scenario);
  }

  boolean records(String scenario) {
    return jfr.contains(scenario) || jfr.contains("all");
  }

  private static Set<String> parseSet(String value, boolean allMeansEverything) {
    Set<String> set = new TreeSet<>();
    for (String item : value.split(",")) {
      String trimmed = item.trim();
      if (trimmed.isEmpty() || trimmed.equals("none")) {
        continue;
      }
      if (trimmed.equals("all") && allMeansEverything) {
        set.addAll(ALL);
      } else {
        set.add(trimmed);
      }
    }
    return set;
  }
}

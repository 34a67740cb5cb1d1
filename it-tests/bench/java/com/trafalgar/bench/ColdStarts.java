package com.trafalgar.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.bench.floor.MinimalWar;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * More cold starts for the start ratio of issue 15: one start of each server is one sample, and
 * the minimal WAR's own start moves by more than a second between runs on this machine, more than
 * the 0.25× the target leaves. After the floor's servers, the minimal WAR, the CDI + JAX-RS
 * floor without and with Trafalgar's libraries and Trafalgar (with the main server's data) are
 * started in turn {@code bench.reps − 1} more times, each stopped at its first 200, so every
 * figure the ratio compares is the median of {@code bench.reps} starts taken side by side.
 */
final class ColdStarts {
  /** Where each server is probed, as in its first start. */
  private static final Map<String, String> PROBES = Map.of("minimal_war", MinimalWar.STATIC_PATH,
      "cdi_rest", "/render/", "cdi_rest_libs", "/render/", "main", "/render/");

  private final BenchConfig config;
  private final Results results;
  private final PlatformFloor floor;
  private final Scenarios scenarios;

  ColdStarts(BenchConfig config, Results results, PlatformFloor floor, Scenarios scenarios) {
    this.config = config;
    this.results = results;
    this.floor = floor;
    this.scenarios = scenarios;
  }

  void run() throws IOException {
    Map<String, Path> wars = floor.wars();
    if (!config.runs("startup") || wars.size() < 3 || config.reps < 2) {
      return; // the floor was not run (or failed): nothing to compare the starts with
    }
    Map<String, String> mainEnv = scenarios.mainEnvironment();
    ObjectNode node = results.scenario("cold_starts");
    for (int round = 2; round <= config.reps; round++) {
      for (Map.Entry<String, Path> war : wars.entrySet()) {
        samples(node, war.getKey()).add(start(war.getKey(), round, war.getValue(), Map.of(),
            null));
      }
      samples(node, "main").add(start("main", round, config.war, mainEnv, config.token));
    }
  }

  private static ArrayNode samples(ObjectNode node, String server) {
    return node.has(server + "_s") ? (ArrayNode) node.get(server + "_s")
        : node.putArray(server + "_s");
  }

  private double start(String server, int round, Path war, Map<String, String> env,
      String bearer) throws IOException {
    String name = "start-" + server + "-" + round;
    System.out.printf("[bench] starting server %s (%s)%n", name, war.getFileName());
    try (ServerProcess process = ServerProcess.start(config, name, env, war,
        config.serverJvmArgs, PROBES.get(server), bearer)) {
      System.out.printf(Locale.ROOT, "[bench] server %s: first 200 after %.1f s%n", name,
          process.coldStartSeconds);
      return Results.round(process.coldStartSeconds);
    }
  }

  /**
   * Every start of {@code server} in the run: the first ({@code first}, the server's own boot)
   * and the repeated ones.
   */
  static List<Double> samples(Results results, String server, double first) {
    List<Double> all = new ArrayList<>();
    all.add(first);
    for (JsonNode value : results.scenarios.path("cold_starts").path(server + "_s")) {
      all.add(value.asDouble(Double.NaN));
    }
    return all;
  }

  /** Says in a row's note how many starts its figure is the median of (nothing for one). */
  static String note(List<Double> samples) {
    long n = samples.stream().filter(v -> !v.isNaN()).count();
    return n > 1 ? "median of " + n + " starts taken in turn (scenario 6); " : "";
  }
}

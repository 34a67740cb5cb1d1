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
  private final Scenarios scenarios;

  ColdStarts(BenchConfig config, Results results, Scenarios scenarios) {
    this.config = config;
    this.results = results;
    this.scenarios = scenarios;
  }

  void run() throws IOException {
    if (!config.runs("startup") || !config.runs("floor") || config.reps < 2) {
      return;
    }
    Path minimal = MinimalWar.write(config.workDir.resolve("floor/minimal.war"));
    Path cdiRest = MinimalWar.writeCdiRest(config.workDir.resolve("floor/cdi-rest.war"));
    Path withLibraries = MinimalWar.writeCdiRestWithLibraries(
        config.workDir.resolve("floor/cdi-rest-libs.war"), config.war);
    Map<String, String> mainEnv = scenarios.mainEnvironment();
    ObjectNode node = results.scenario("cold_starts");
    ArrayNode minimalStarts = node.putArray("minimal_war_s");
    ArrayNode cdiRestStarts = node.putArray("cdi_rest_s");
    ArrayNode withLibrariesStarts = node.putArray("cdi_rest_libs_s");
    ArrayNode mainStarts = node.putArray("main_s");
    for (int round = 2; round <= config.reps; round++) {
      minimalStarts.add(start("minimal_war", round, minimal, Map.of(), null));
      cdiRestStarts.add(start("cdi_rest", round, cdiRest, Map.of(), null));
      withLibrariesStarts.add(start("cdi_rest_libs", round, withLibraries, Map.of(), null));
      mainStarts.add(start("main", round, config.war, mainEnv, config.token));
    }
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
}

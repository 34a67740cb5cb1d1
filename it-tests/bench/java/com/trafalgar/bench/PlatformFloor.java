package com.trafalgar.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.bench.floor.MinimalWar;
import com.trafalgar.bench.http.HttpLoad;
import com.trafalgar.bench.http.LoadResult;
import com.trafalgar.bench.http.Requests;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scenario {@code floor} (issue 15): the platform itself, measured in the same run on the same
 * machine. Payara Micro with a minimal WAR ({@link MinimalWar}: one static file and a plain
 * Servlet returning a constant body), booted with the run's JVM flags and the same command files
 * as Trafalgar: its cold start, its idle RSS, the Servlet's throughput at 64 connections; and the
 * minimal WAR's idle RSS with the recommended JVM line too. {@link #compare()}, after every other
 * group, judges Trafalgar's start and footprint against it.
 */
final class PlatformFloor {
  private static final int CONNECTIONS = 64;
  /** The CDI + JAX-RS floor answers where Trafalgar's start is probed. */
  private static final String CDI_REST_PATH = "/render/";

  private final BenchConfig config;
  private final Results results;
  /** The floors' WARs as run() wrote them, by the names ColdStarts and the JSON use. */
  private final Map<String, Path> wars = new LinkedHashMap<>();

  PlatformFloor(BenchConfig config, Results results) {
    this.config = config;
    this.results = results;
  }

  void run() throws IOException {
    if (!config.runs("floor")) {
      return;
    }
    Path war = MinimalWar.write(config.workDir.resolve("floor/minimal.war"));
    wars.put("minimal_war", war);
    ObjectNode node = results.scenario("floor");
    node.put("war", war.toString());
    try (ServerProcess server = boot("floor", war, config.serverJvmArgs)) {
      node.put("cold_start_s", Results.round(server.coldStartSeconds));
      node.put("idle_rss_mib", Results.round(server.idleRssMiB(config.idleSeconds)));
      Results.putNativeMemory(node, "native_memory_idle_mib", server.nativeMemoryMiB());
      node.put("jvm_args", flags(config.serverJvmArgs));
      ArrayNode runs = node.putArray("servlet_runs");
      List<Double> rates = new ArrayList<>();
      byte[] request = Requests.get(server.port, MinimalWar.SERVLET_PATH, null);
      for (int rep = 0; rep < config.reps; rep++) {
        double warmup = config.quick ? config.warmup : rep == 0 ? 10 : 1;
        LoadResult load = new HttpLoad(server.address(), n -> request)
            .closedLoop(CONNECTIONS, warmup, config.window);
        runs.add(Results.run(load, Double.NaN, Double.NaN));
        rates.add(load.throughput());
        if (load.unexpected(200) > 0) {
          results.notes.add("floor: " + load.unexpected(200) + " Servlet answers were not 200 ("
              + load.statuses + ")");
        }
      }
      node.put("servlet_median_throughput", Results.round(Results.median(rates)));
      node.put("servlet_throughput_spread", Results.spread(rates, "%.0f"));
      node.put("rss_mib_at_end", Results.round(server.rssMiB()));
      System.out.printf(Locale.ROOT, "[bench] floor: first 200 after %.1f s, idle RSS %.0f MiB, "
          + "Servlet %.0f req/s%n", server.coldStartSeconds, node.get("idle_rss_mib").asDouble(),
          Results.median(rates));
    }
    cdiFloor(node, "cdi_rest", "CDI + JAX-RS",
        MinimalWar.writeCdiRest(config.workDir.resolve("floor/cdi-rest.war")));
    cdiFloor(node, "cdi_rest_libs", "CDI + JAX-RS + Trafalgar's libraries",
        MinimalWar.writeCdiRestWithLibraries(config.workDir.resolve("floor/cdi-rest-libs.war"),
            config.war));
    if (!config.recommendedJvmArgs.isEmpty()
        && !config.recommendedJvmArgs.equals(config.serverJvmArgs)) {
      try (ServerProcess server = boot("floor-recommended", war, config.recommendedJvmArgs)) {
        ObjectNode recommended = node.putObject("recommended_jvm_line");
        recommended.put("jvm_args", flags(config.recommendedJvmArgs));
        recommended.put("cold_start_s", Results.round(server.coldStartSeconds));
        recommended.put("idle_rss_mib", Results.round(server.idleRssMiB(config.idleSeconds)));
      }
    }
  }

  /** Boots one of the CDI + JAX-RS floors: its cold start and idle RSS go to {@code field}. */
  private void cdiFloor(ObjectNode node, String field, String label, Path war)
      throws IOException {
    wars.put(field, war);
    try (ServerProcess server = boot("floor-" + field.replace('_', '-'), war,
        config.serverJvmArgs, CDI_REST_PATH)) {
      ObjectNode floor = node.putObject(field);
      floor.put("war", war.toString());
      floor.put("cold_start_s", Results.round(server.coldStartSeconds));
      floor.put("idle_rss_mib", Results.round(server.idleRssMiB(config.idleSeconds)));
      Results.putNativeMemory(floor, "native_memory_idle_mib", server.nativeMemoryMiB());
      System.out.printf(Locale.ROOT, "[bench] floor (%s): first 200 after %.1f s, idle RSS "
          + "%.0f MiB%n", label, server.coldStartSeconds, floor.get("idle_rss_mib").asDouble());
    }
  }

  /** The WARs of the floors that {@link #run()} booted, in that order; empty before it. */
  Map<String, Path> wars() {
    return Collections.unmodifiableMap(wars);
  }

  private ServerProcess boot(String name, Path war, List<String> jvmArgs) throws IOException {
    return boot(name, war, jvmArgs, MinimalWar.STATIC_PATH);
  }

  private ServerProcess boot(String name, Path war, List<String> jvmArgs, String probe)
      throws IOException {
    System.out.printf("[bench] starting server %s (%s)%n", name, war.getFileName());
    return ServerProcess.start(config, name, Map.of(), war, jvmArgs, probe, null);
  }

  /** The rows that compare Trafalgar with the floor; after every other group has run. */
  void compare() {
    JsonNode floor = results.scenarios.path("floor");
    JsonNode main = null;
    for (JsonNode boot : results.boots) {
      if (boot.path("name").asText().equals("main")) {
        main = boot;
      }
    }
    String flags = flags(config.serverJvmArgs);
    if (floor.isMissingNode()) {
      if (main != null && config.runs("startup")) {
        results.notMeasured("startup", "cold start, idle RSS and RSS after the run against the "
            + "platform floor", "≤ 1.25× / floor + 100 MiB / floor + 200 MiB",
            "scenario floor was not run (add it to bench.scenarios)");
      }
      return;
    }
    List<Double> floorStarts = startsOf("minimal_war", floor);
    double floorStart = Results.median(floorStarts);
    double floorIdle = floor.path("idle_rss_mib").asDouble(Double.NaN);
    double servlet = floor.path("servlet_median_throughput").asDouble(Double.NaN);
    report("Payara Micro + minimal WAR: cold start to first 200 (`GET /index.html`)",
        Results.spread(floorStarts, "%.1f s"), ColdStarts.note(floorStarts) + "same flags and command "
            + "files as every server of the run; JVM flags: " + flags);
    report("Payara Micro + minimal WAR: idle RSS",
        Results.num(floorIdle, "%.0f MiB") + recommendedIdle(floor),
        "VmRSS " + fmt(config.idleSeconds) + " s after the first 200; JVM flags: " + flags);
    JsonNode cdiRest = floor.path("cdi_rest");
    List<Double> cdiRestStarts = startsOf("cdi_rest", cdiRest);
    double cdiRestStart = Results.median(cdiRestStarts);
    if (!cdiRest.isMissingNode()) {
      report("Payara Micro + CDI and one JAX-RS resource: cold start to first 200 (`GET /render/`)",
          Results.spread(cdiRestStarts, "%.1f s") + " (" + Results.num(cdiRestStart / floorStart,
              "%.2f×") + " the minimal WAR's)", ColdStarts.note(cdiRestStarts)
              + "the platform's own cost of starting CDI (Weld) "
              + "and JAX-RS (Jersey) for an application of one resource and one bean; idle RSS "
              + Results.num(cdiRest.path("idle_rss_mib").asDouble(Double.NaN), "%.0f MiB")
              + "; JVM flags: " + flags);
    }
    JsonNode withLibraries = floor.path("cdi_rest_libs");
    List<Double> withLibrariesStarts = startsOf("cdi_rest_libs", withLibraries);
    double withLibrariesStart = Results.median(withLibrariesStarts);
    if (!withLibraries.isMissingNode()) {
      report("Payara Micro + CDI, one JAX-RS resource and Trafalgar's bundled libraries: cold "
          + "start to first 200 (`GET /render/`)", Results.spread(withLibrariesStarts, "%.1f s")
          + " (" + Results.num(withLibrariesStart / floorStart, "%.2f×") + " the minimal WAR's)",
          ColdStarts.note(withLibrariesStarts) + "the previous WAR with Trafalgar's `WEB-INF/lib` (Jackson, "
          + "Flyway, the API page's assets): the server scans every class of a WAR as it deploys "
          + "it; idle RSS " + Results.num(withLibraries.path("idle_rss_mib").asDouble(Double.NaN),
              "%.0f MiB") + "; JVM flags: " + flags);
    }
    report("plain Servlet, constant body, " + CONNECTIONS + " connections",
        Results.num(servlet, "%.0f req/s") + " (" + floor.path("servlet_throughput_spread")
            .asText() + ")", "closed loop on the minimal WAR's server");
    double baseline = results.scenarios.path("baseline").path("main")
        .path("median_throughput").asDouble(Double.NaN);
    if (!Double.isNaN(baseline)) {
      report("Trafalgar's baseline (`GET /render/`, main) ÷ plain Servlet",
          Results.num(baseline / servlet, "%.2f×"), "what Jersey, Jackson and the access filter "
              + "cost; the servers ran one after another on the same machine");
    }
    if (main == null || !config.runs("startup")) {
      return;
    }
    List<Double> starts = startsOf("main", main);
    double start = Results.median(starts);
    results.target("startup", "cold start ÷ minimal WAR's (main server, first 200 of "
            + "`GET /render/`)", "≤ 1.25×",
        Results.num(start / floorStart, "%.2f×") + " (" + Results.spread(starts, "%.1f")
            + " vs " + Results.spread(floorStarts, "%.1f") + " s)", start <= 1.25 * floorStart,
        ColdStarts.note(starts) + "show data, 10,000-run registry; JVM flags: " + flags);
    if (!Double.isNaN(cdiRestStart)) {
      report("Trafalgar's cold start ÷ the CDI + JAX-RS floor's", Results.num(start / cdiRestStart,
          "%.2f×") + " (+" + Results.num(start - cdiRestStart, "%.1f s") + ")", "what Trafalgar "
          + "itself adds to the start of any CDI and JAX-RS application on the same server");
    }
    if (!Double.isNaN(withLibrariesStart)) {
      report("Trafalgar's cold start ÷ the CDI + JAX-RS + libraries floor's",
          Results.num(start / withLibrariesStart, "%.2f×") + " (+"
              + Results.num(start - withLibrariesStart, "%.1f s") + ")", "what Trafalgar's own "
              + "code adds to the start of an application bundling the same libraries");
    }
    double idle = main.path("idle_rss_mib").asDouble(Double.NaN);
    results.target("startup", "idle RSS (main server) − floor's", "≤ 100 MiB",
        Results.num(idle - floorIdle, "%+.0f MiB") + " (" + Results.num(idle, "%.0f MiB") + ")",
        idle - floorIdle <= 100, "VmRSS " + fmt(config.idleSeconds) + " s after the first 200, "
            + "before any load; JVM flags: " + flags);
    double instant = main.path("rss_mib_at_end").asDouble(Double.NaN);
    double end = main.path("rss_mib_settled").asDouble(Double.NaN);
    results.target("startup", "RSS after the benchmarks (main server) − floor's idle RSS",
        "≤ 200 MiB", Results.num(end - floorIdle, "%+.0f MiB") + " (" + Results.num(end,
            "%.0f MiB") + "; " + Results.num(instant - floorIdle, "%+.0f MiB")
            + " as the load stopped)", end - floorIdle <= 200,
        "VmRSS " + fmt(config.idleSeconds) + " s after baseline, metrics, ingest and render "
            + "store-off ended and the render jobs they submitted finished ("
            + Results.num(main.path("rss_settled_after_load_s").asDouble(Double.NaN), "%.0f s")
            + " after the load; " + Results.num(main.path("rss_mib_10s_after_load")
                .asDouble(Double.NaN), "%.0f MiB") + " 10 s after it), as the floor's is read "
            + fmt(config.idleSeconds) + " s after its first 200; JVM flags: " + flags);
  }

  /** Every start of {@code server} in the run, its own boot's ({@code boot}) first. */
  private List<Double> startsOf(String server, JsonNode boot) {
    return ColdStarts.samples(results, server, boot.path("cold_start_s").asDouble(Double.NaN));
  }

  /** A figure the issue asks to report, without a target. */
  private void report(String metric, String measured, String note) {
    results.targets.add(new Results.Target("floor", metric, "report", measured, "–", note));
  }

  private static String recommendedIdle(JsonNode floor) {
    JsonNode recommended = floor.path("recommended_jvm_line");
    return recommended.isMissingNode() ? "" : "; with the recommended JVM line "
        + Results.num(recommended.path("idle_rss_mib").asDouble(Double.NaN), "%.0f MiB");
  }

  static String flags(List<String> jvmArgs) {
    return jvmArgs.isEmpty() ? "defaults" : String.join(" ", jvmArgs);
  }

  private static String fmt(double seconds) {
    return String.format(Locale.ROOT, "%.0f", seconds);
  }
}

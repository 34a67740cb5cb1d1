package com.trafalgar.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.bench.http.HttpLoad;
import com.trafalgar.bench.http.LoadResult;
import com.trafalgar.bench.http.Requests;
import com.trafalgar.testing.PostgresServer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;

/**
 * Scenario {@code cluster} (tracker issue 14): two Payara Micro instances in clustered mode on one
 * PostgreSQL server (Debian's binaries, started by the harness with fsync on), each started the
 * way docs/operations.md tells an operator ({@code --addlibs} driver, the common post-boot file
 * followed by {@code server-config/payara-micro/cluster-datasource.asadmin}).
 *
 * <ol>
 *   <li>Cross-instance delivery: {@value #SUBSCRIBERS} SSE subscribers on each instance, 50 job
 *       submissions a second on A; the latency from each submission's send time to its receipt
 *       by every subscriber on B (and on A, for comparison), and events lost.
 *   <li>Submissions with the database store: the history filled to 10,000 jobs, then 50 clients
 *       in a closed loop and paced at 1,000/s, and the ratio to the file store's rate measured
 *       by scenario {@code render} in the same run.
 * </ol>
 */
final class ClusterScenario {
  static final int SUBSCRIBERS = 500;
  private static final int SUBMIT_CLIENTS = 50;
  private static final double SUBMIT_RATE = 1000;
  private static final double EVENT_RATE = 50;
  /** The delivery warm-up (docs/benchmarks.md, row 8). */
  private static final double WARMUP_SECONDS = 10;

  private final BenchConfig config;
  private final Results results;

  ClusterScenario(BenchConfig config, Results results) {
    this.config = config;
    this.results = results;
  }

  void run() throws Exception {
    if (!config.runs("cluster")) {
      return;
    }
    if (!PostgresServer.available()) {
      results.notMeasured("cluster", "submissions/s, database store", "≥ 1,000/s",
          "PostgreSQL is not installed (Debian's postgresql, or TRAFALGAR_PG_BIN)");
      return;
    }
    ObjectNode node = results.scenario("cluster");
    try (PostgresServer database = PostgresServer.start(true)) {
      Path boot = config.workDir.resolve("post-boot-cluster.asadmin");
      Files.createDirectories(config.workDir);
      Files.writeString(boot, Files.readString(config.postboot) + "\n" + Files.readString(
          config.basedir.resolve("server-config/payara-micro/cluster-datasource.asadmin")));
      try (ServerProcess a = boot("cluster-a", database, boot);
          ServerProcess b = boot("cluster-b", database, boot)) {
        node.put("cold_start_a_s", Results.round(a.coldStartSeconds));
        node.put("cold_start_b_s", Results.round(b.coldStartSeconds));
        boolean record = config.records("cluster");
        if (record) {
          // both instances: B's share (following the log, applying A's jobs) is half the story
          a.startRecording(config.workDir.resolve("cluster-a.jfr"));
          b.startRecording(config.workDir.resolve("cluster-b.jfr"));
        }
        delivery(a, b, node.putObject("delivery"));
        submissions(a, b, node.putObject("submissions"));
        if (record) {
          a.stopRecording();
          b.stopRecording();
        }
        node.put("rss_a_mib_at_end", Results.round(a.rssMiB()));
        node.put("rss_b_mib_at_end", Results.round(b.rssMiB()));
      }
    }
  }

  private ServerProcess boot(String name, PostgresServer database, Path postboot)
      throws IOException, URISyntaxException {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("TRAFALGAR_DASHBOARD_TOKEN", config.token);
    env.put("TRAFALGAR_CLUSTER_DATASOURCE", "jdbc/trafalgar");
    env.put("TRAFALGAR_PG_HOST", "127.0.0.1");
    env.put("TRAFALGAR_PG_PORT", Integer.toString(database.port()));
    env.put("TRAFALGAR_PG_DATABASE", PostgresServer.USER);
    env.put("TRAFALGAR_PG_USER", PostgresServer.USER);
    env.put("TRAFALGAR_PG_PASSWORD", "unused-trust-auth");
    env.put("TRAFALGAR_RENDER_JOBS_HISTORY_LIMIT", Integer.toString(Datasets.STORED_JOBS));
    // Only job.created events: no poller, and mock jobs never finish.
    env.put("TRAFALGAR_RENDER_STATUS_POLL_INTERVAL", "0");
    env.put("TRAFALGAR_MOCK_FARM_SECONDS_PER_FRAME", "3600");
    Path driver = Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI());
    System.out.printf("[bench] starting server %s%n", name);
    ServerProcess server = ServerProcess.start(config, name, env, config.war,
        config.serverJvmArgs, "/render/", config.token,
        List.of("--addlibs", driver.toString()), postboot);
    System.out.printf("[bench] server %s: first 200 after %.1f s (port %d, pid %d)%n", name,
        server.coldStartSeconds, server.port, server.pid());
    return server;
  }

  /** Submissions on A at 50/s; receipt by {@value #SUBSCRIBERS} SSE subscribers on A and B. */
  private void delivery(ServerProcess a, ServerProcess b, ObjectNode node) throws IOException {
    try (StreamClients onA = new StreamClients(a.address(), config.token);
        StreamClients onB = new StreamClients(b.address(), config.token)) {
      int connectedA = 0;
      int connectedB = 0;
      for (int opened = 0; opened < SUBSCRIBERS; opened += 100) {
        connectedA += onA.openSse(Math.min(100, SUBSCRIBERS - opened), 30_000);
        connectedB += onB.openSse(Math.min(100, SUBSCRIBERS - opened), 30_000);
      }
      node.put("sse_connected_a", connectedA);
      node.put("sse_connected_b", connectedB);
      System.out.printf("[bench]   cluster subscribers with snapshot: %d on A, %d on B%n",
          connectedA, connectedB);
      AtomicLong seq = new AtomicLong();
      // warm-up, not counted but reported: the first fan-outs after connecting run on a cold JIT,
      // and on two shared cores the compiler needs minutes of load to catch up
      // (docs/benchmarks.md, JIT warm-up): phases until both instances' compilers are quiet
      double phaseSeconds = Math.min(WARMUP_SECONDS, config.streamSeconds);
      ObjectNode warmup = node.putObject("warmup_phase");
      Warmed warmed = warmUntilQuiet(a, b, phaseSeconds, warmup.putArray("phases"), one -> {
        phase(a, List.of(onA, onB), seq, phaseSeconds);
        one.set("latency_ms_b", Results.latency(onB.startPhase()));
        one.set("latency_ms_a", Results.latency(onA.startPhase()));
      });
      warmup.put("seconds", warmed.seconds());
      warmup.put("jit_quiet", warmed.quiet());
      double[] jit = warmed.jit();
      List<StreamClients.Subscriber> healthyB = onB.subscribers().stream()
          .filter(s -> s.snapshot && !s.closed).toList();
      BitSet accepted = phase(a, List.of(onA, onB), seq, config.streamSeconds);
      Histogram latencyA = onA.startPhase();
      Histogram latencyB = onB.startPhase();
      jitSince(a, b, jit, node);
      long lostOnB = 0;
      long gapsOnB = 0;
      for (StreamClients.Subscriber subscriber : healthyB) {
        lostOnB += accepted.cardinality() - subscriber.received(accepted);
        gapsOnB += subscriber.missingIds;
      }
      node.put("accepted", accepted.cardinality());
      node.set("latency_ms_b", Results.latency(latencyB));
      node.set("latency_ms_a", Results.latency(latencyA));
      node.put("lost_on_b", lostOnB);
      node.put("missing_sse_ids_on_b", gapsOnB);
      double p99 = node.path("latency_ms_b").path("p99").asDouble(Double.NaN);
      System.out.printf("[bench]   cluster delivery: %d accepted on A, p99 on B %.1f ms (on A "
          + "%.1f ms), %d lost on B%n", accepted.cardinality(), p99,
          node.path("latency_ms_a").path("p99").asDouble(Double.NaN), lostOnB);
      boolean real = connectedB > 0 && accepted.cardinality() > 0
          && latencyB.getTotalCount() > 0;
      String why = real ? "submission on A (send time in the job's scene) → receipt by each of "
          + connectedB + " SSE subscribers on B, " + connectedA + " on A; " + Results.num(
              EVENT_RATE, "%.0f") + " submissions/s for " + Results.num(config.streamSeconds,
              "%.0f") + " s; p99 on A " + Results.num(node.path("latency_ms_a").path("p99")
              .asDouble(Double.NaN), "%.1f") + " ms; " + lostOnB + " events lost and "
          + gapsOnB + " SSE ids missing on B; " + warmed
          : "no subscriber on B received a submission made on A: the instances do not share "
              + "their history";
      if (real) {
        results.target("cluster", "cross-instance delivery p99 (submission on A → SSE on B), "
            + SUBSCRIBERS + " subscribers per instance", "≤ 100 ms",
            Results.num(p99, "%.1f ms"), p99 <= 100 && lostOnB == 0, why);
      } else {
        results.notMeasured("cluster", "cross-instance delivery p99", "≤ 100 ms", why);
      }
    }
  }

  /**
   * Whether the compilers of both instances spent under a tenth of a warm-up phase compiling in
   * it: the hot paths are compiled, so the next window measures the service, not the JIT.
   */
  private static boolean jitQuiet(double[] before, double[] now, double phaseSeconds) {
    for (int i = 0; i < now.length; i++) {
      if (!(now[i] - before[i] < phaseSeconds / 10)) {
        return false;
      }
    }
    return true;
  }

  /**
   * How long the warm-up ran, whether it ended with both compilers quiet, and their JIT seconds
   * at its end (so the measured phase starts without another jcmd of each instance).
   */
  private record Warmed(double seconds, boolean quiet, double[] jit) {
    @Override
    public String toString() {
      return "measured after " + Results.num(seconds, "%.0f") + " s of warm-up load"
          + (quiet ? " (until both compilers were quiet)" : " (the compilers were still busy)");
    }
  }

  private interface WarmPhase {
    void run(ObjectNode phase) throws IOException;
  }

  /**
   * Runs warm-up phases of {@code phaseSeconds}, at least one, until the compilers of both
   * instances are quiet in one or {@code bench.jitWarmup} seconds have passed; each phase's
   * figures and JIT seconds go into {@code phases}.
   */
  private Warmed warmUntilQuiet(ServerProcess a, ServerProcess b, double phaseSeconds,
      ArrayNode phases, WarmPhase phase) throws IOException {
    double[] jit = {a.jitSeconds(), b.jitSeconds()};
    double warmed = 0;
    boolean quiet;
    do {
      ObjectNode one = phases.addObject();
      phase.run(one);
      warmed += phaseSeconds;
      double[] before = jit;
      jit = jitSince(a, b, jit, one);
      quiet = jitQuiet(before, jit, phaseSeconds);
    } while (!quiet && warmed < config.jitWarmupSeconds);
    return new Warmed(warmed, quiet, jit);
  }

  /** Records the JIT seconds A and B spent since {@code before}; returns the current readings. */
  private static double[] jitSince(ServerProcess a, ServerProcess b, double[] before,
      ObjectNode node) {
    double[] now = {a.jitSeconds(), b.jitSeconds()};
    node.put("jit_seconds_a", Results.round(now[0] - before[0]));
    node.put("jit_seconds_b", Results.round(now[1] - before[1]));
    return now;
  }

  /** One paced phase of submissions on {@code server}; the sequence numbers answered 201. */
  private BitSet phase(ServerProcess server, List<StreamClients> clients, AtomicLong seq,
      double seconds) throws IOException {
    clients.forEach(StreamClients::startPhase);
    BitSet accepted = new BitSet();
    long firstSeq = seq.get();
    LongFunction<byte[]> submit = StreamClients.markedSubmissions(server.port, config.token, seq);
    new HttpLoad(server.address(), submit).listener((n, status) -> {
      if (status == 201) {
        synchronized (accepted) {
          accepted.set((int) (firstSeq + n));
        }
      }
    }).fixedRate(32, EVENT_RATE, 0, seconds);
    // Let every subscriber drain: until each has every accepted event, at most 15 s.
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (System.nanoTime() < deadline && clients.stream()
        .flatMap(c -> c.subscribers().stream())
        .anyMatch(s -> s.snapshot && !s.closed && s.received(accepted) < accepted.cardinality())) {
      ServerProcess.sleep(100);
    }
    return accepted;
  }

  /** Submissions on A over a 10,000-job history: closed loop and paced at 1,000/s. */
  private void submissions(ServerProcess a, ServerProcess b, ObjectNode node) throws IOException {
    AtomicLong seq = new AtomicLong();
    LongFunction<byte[]> submit = n -> Requests.postJson(a.port, "/render/jobs", config.token,
        "{\"dcc\":\"maya\",\"scene\":\"/mnt/projects/bench/sh" + (n % 400) + "/scene-"
            + seq.incrementAndGet() + ".ma\",\"frames\":\"1-10\",\"output\":"
            + "\"/mnt/renders/bench/out\",\"farm\":\"mock\",\"user\":\"bench\"}");
    long fillStart = System.nanoTime();
    LoadResult fill = new HttpLoad(a.address(), submit)
        .limit(config.quick ? 1000 : Datasets.STORED_JOBS)
        .closedLoop(SUBMIT_CLIENTS, 0, 3600);
    node.put("prefill_seconds", Results.round((System.nanoTime() - fillStart) / 1e9));
    node.put("prefill_accepted", fill.count(201));
    // as for delivery: closed-loop phases until A's and B's compilers are quiet
    double warmSeconds = Math.min(WARMUP_SECONDS, config.window);
    Warmed warmed = warmUntilQuiet(a, b, warmSeconds, node.putArray("warmup_phases"),
        one -> one.put("throughput_per_s", Results.round(new HttpLoad(a.address(), submit)
            .closedLoop(SUBMIT_CLIENTS, 0, warmSeconds).throughput())));
    node.put("warmup_seconds", warmed.seconds());
    node.put("warmup_jit_quiet", warmed.quiet());
    List<LoadResult> closed = new ArrayList<>();
    List<LoadResult> paced = new ArrayList<>();
    ArrayNode closedRuns = node.putArray("closed_loop");
    ArrayNode pacedRuns = node.putArray("paced");
    for (int rep = 0; rep < config.reps; rep++) {
      double warmup = rep > 0 ? Math.min(1, config.warmup) : config.warmup;
      LoadResult run = measured(a, () -> new HttpLoad(a.address(), submit)
          .closedLoop(SUBMIT_CLIENTS, warmup, config.window), closedRuns);
      closed.add(run);
      System.out.printf("[bench]   cluster submissions rep %d: %.0f req/s, p99 %.1f ms, "
          + "statuses %s%n", rep + 1, run.throughput(), run.percentileMillis(99), run.statuses);
    }
    for (int rep = 0; rep < config.reps; rep++) {
      LoadResult run = measured(a, () -> new HttpLoad(a.address(), submit)
          .fixedRate(SUBMIT_CLIENTS, SUBMIT_RATE, Math.min(1, config.warmup), config.window),
          pacedRuns);
      paced.add(run);
      System.out.printf("[bench]   cluster submissions paced rep %d: %.0f req/s, p99 %.1f ms, "
          + "statuses %s%n", rep + 1, run.throughput(), run.percentileMillis(99), run.statuses);
    }
    List<Double> rates = closed.stream().map(LoadResult::throughput).toList();
    List<Double> pacedP99 = paced.stream().map(r -> r.percentileMillis(99)).toList();
    List<Double> pacedRates = paced.stream().map(LoadResult::throughput).toList();
    double rate = Results.median(rates);
    double p99 = Results.median(pacedP99);
    node.put("throughput_median", Results.round(rate));
    node.put("paced_p99_ms_median", Results.round(p99));
    // answers other than 201 and broken connections; requests a saturated server left unsent
    // or unanswered at the end of a window are a speed, not a refusal
    long refused = java.util.stream.Stream.concat(closed.stream(), paced.stream())
        .mapToLong(r -> r.unexpected(201) - r.notSent - r.unfinished).sum();
    boolean real = fill.count(201) > 0 && refused == 0;
    String why = real ? "JDBC store (PostgreSQL, fsync on, one group-commit writer), "
        + fill.count(201) + " jobs submitted first (history limit 10,000), 50 clients; a 201 "
        + "is a committed row; " + warmed
        : "submissions were not all answered 201 (" + refused + " were not): see "
            + "target/bench/cluster-a/server.log";
    if (!real) {
      results.notMeasured("cluster", "submissions/s, database store", "≥ 1,000/s", why);
      return;
    }
    results.target("cluster", "submissions/s, database store, 10,000 retained jobs, 50 clients",
        "≥ 1,000/s", Results.spread(rates, "%.0f") + "/s", rate >= 1000, why);
    results.target("cluster", "submission p99 at 1,000/s, database store, 50 clients",
        "≤ 50 ms", Results.spread(pacedP99, "%.1f") + " ms (" + Results.spread(pacedRates,
            "%.0f") + "/s served)", p99 <= 50, "fixed rate, latency from each request's due "
            + "time; " + why);
    double fileRate = results.scenario("render").path("store_on_throughput").asDouble(Double.NaN);
    if (Double.isNaN(fileRate)) {
      results.notMeasured("cluster", "database store ÷ file store submission rate (same run)",
          "report", "scenario render did not run in this run");
    } else {
      node.put("ratio_to_file_store", Results.round(rate / fileRate));
      results.targets.add(new Results.Target("cluster",
          "database store ÷ file store submission rate (same run)", "report",
          Results.num(rate / fileRate, "%.2f×") + " (file store: " + Results.num(fileRate,
              "%.0f") + "/s)", "–", "closed loop, 50 clients, 10,000 retained jobs on both"));
    }
  }

  private interface Drive {
    LoadResult run() throws IOException;
  }

  private static LoadResult measured(ServerProcess server, Drive drive, ArrayNode runs)
      throws IOException {
    double serverCpu = server.cpuSeconds();
    double clientCpu = Results.clientCpuSeconds();
    double machineCpu = Results.machineCpuSeconds();
    long start = System.nanoTime();
    LoadResult result = drive.run();
    double elapsed = (System.nanoTime() - start) / 1e9;
    runs.add(Results.run(result, (server.cpuSeconds() - serverCpu) / elapsed,
        (Results.clientCpuSeconds() - clientCpu) / elapsed,
        (Results.machineCpuSeconds() - machineCpu) / elapsed));
    return result;
  }
}

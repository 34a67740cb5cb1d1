package com.trafalgar.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Writes a run's results: Markdown (targets table, servers, notes) and JSON (every raw number),
 * always under target/bench, and for a published run also under docs/bench-results (dated and
 * {@code latest}) with the Markdown spliced into docs/benchmarks.md between its result markers.
 */
final class Report {
  static final String START = "<!-- bench-results:start -->";
  static final String END = "<!-- bench-results:end -->";

  private Report() {}

  static void describe(BenchConfig config, Results results, Instant started) {
    ObjectNode meta = results.json.putObject("meta");
    meta.put("date", DateTimeFormatter.ISO_INSTANT.format(
        started.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
    meta.put("command", command(config));
    meta.put("commit", git(config, "rev-parse", "--short", "HEAD")
        + (git(config, "status", "--porcelain", "--untracked-files=no").isBlank() ? ""
        : "+dirty"));
    meta.put("quick", config.quick);
    meta.put("repetitions", config.reps);
    meta.put("warmup_s", config.warmup);
    meta.put("window_s", config.window);
    meta.put("scenarios", String.join(",", config.scenarios));
    meta.put("server_jvm_args", String.join(" ", config.serverJvmArgs));
    ObjectNode machine = meta.putObject("machine");
    machine.put("nproc", Runtime.getRuntime().availableProcessors());
    machine.put("cpu", cpuModel());
    machine.put("memory_gib", Results.round(memTotalKib() / 1024.0 / 1024.0));
    machine.put("jdk", System.getProperty("java.vm.name") + " "
        + System.getProperty("java.runtime.version"));
    machine.put("os", osName() + " (kernel " + System.getProperty("os.version") + ")");
  }

  static void write(BenchConfig config, Results results, Instant started, double minutes)
      throws IOException {
    ObjectNode meta = (ObjectNode) results.json.get("meta");
    meta.put("duration_min", Results.round(minutes));
    String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm'Z'").withZone(ZoneOffset.UTC)
        .format(started) + (config.quick ? "-quick" : "");
    String markdown = markdown(config, results, stamp);
    byte[] json = Datasets.mapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValueAsBytes(results.json);
    Files.createDirectories(config.workDir);
    Files.writeString(config.workDir.resolve("results.md"), markdown);
    Files.write(config.workDir.resolve("results.json"), json);
    System.out.println(markdown);
    if (!config.publish) {
      System.out.println("[bench] results in " + config.workDir.resolve("results.md")
          + " (not published: quick or partial run; -Dbench.publish=true to force)");
      return;
    }
    Path dir = config.basedir.resolve("docs/bench-results");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(stamp + ".md"), markdown);
    Files.write(dir.resolve(stamp + ".json"), json);
    Files.writeString(dir.resolve("latest.md"), markdown);
    Files.write(dir.resolve("latest.json"), json);
    Path doc = config.basedir.resolve("docs/benchmarks.md");
    if (Files.exists(doc)) {
      String text = Files.readString(doc);
      int start = text.indexOf(START);
      int end = text.indexOf(END);
      if (start >= 0 && end > start) {
        Files.writeString(doc, text.substring(0, start + START.length()) + "\n"
            + markdown + "\n"
            + text.substring(end));
      }
    }
    System.out.println("[bench] published docs/bench-results/" + stamp + ".{md,json} and "
        + "updated docs/benchmarks.md");
  }

  private static String markdown(BenchConfig config, Results results, String stamp) {
    JsonNode meta = results.json.get("meta");
    JsonNode machine = meta.get("machine");
    StringBuilder md = new StringBuilder();
    md.append("### Results of ").append(meta.get("date").asText())
        .append(config.quick ? " (QUICK smoke run: figures are NOT measurements)" : "")
        .append("\n\n");
    md.append("* Command: `").append(meta.get("command").asText()).append("` (commit ")
        .append(meta.get("commit").asText()).append(", ")
        .append(String.format(Locale.ROOT, "%.1f", meta.get("duration_min").asDouble()))
        .append(" min)\n");
    md.append("* Machine: ").append(machine.get("nproc").asInt()).append(" cores (")
        .append(machine.get("cpu").asText()).append("), ")
        .append(String.format(Locale.ROOT, "%.1f", machine.get("memory_gib").asDouble()))
        .append(" GiB RAM, ").append(machine.get("jdk").asText()).append(", ")
        .append(machine.get("os").asText()).append('\n');
    md.append("* Method: load from a separate JVM over 127.0.0.1 on the same machine; ")
        .append(config.reps).append(" repetition(s) per figure, shown as median (min–max); ")
        .append(String.format(Locale.ROOT, "%.0f s warm-up excluded, %.0f s windows",
            config.warmup, config.window))
        .append("; server JVM flags: ").append(config.serverJvmArgs.isEmpty() ? "defaults"
            : "`" + String.join(" ", config.serverJvmArgs) + "`").append('\n');
    md.append("* Raw numbers: `").append(config.publish ? "docs/bench-results/" + stamp + ".json"
        : "target/bench/results.json").append("`\n\n");
    md.append("| Scenario | Measure | Target | Measured | Verdict | Notes |\n");
    md.append("|---|---|---|---|---|---|\n");
    for (Results.Target target : results.targets) {
      md.append("| ").append(cell(target.scenario())).append(" | ").append(cell(target.metric()))
          .append(" | ").append(cell(target.target())).append(" | ")
          .append(cell(target.measured())).append(" | **").append(target.verdict())
          .append("** | ").append(cell(target.note())).append(" |\n");
    }
    md.append("\n| Server | Baseline `GET /render/` (req/s, 64 conn.) | Cold start "
        + "| RSS at end |\n");
    md.append("|---|---|---|---|\n");
    JsonNode baselines = results.scenarios.path("baseline");
    for (JsonNode boot : results.boots) {
      String name = boot.get("name").asText();
      List<Double> rates = new java.util.ArrayList<>();
      baselines.path(name).path("runs").forEach(run ->
          rates.add(run.path("throughput_per_s").asDouble()));
      md.append("| ").append(name).append(" | ").append(Results.spread(rates, "%.0f"))
          .append(" | ").append(Results.num(boot.path("cold_start_s").asDouble(Double.NaN),
              "%.1f s")).append(" | ")
          .append(Results.num(boot.path("rss_mib_at_end").asDouble(Double.NaN), "%.0f MiB"))
          .append(" |\n");
    }
    if (!results.notes.isEmpty()) {
      md.append("\nNotes:\n\n");
      for (String note : results.notes) {
        md.append("* ").append(note).append('\n');
      }
    }
    return md.toString();
  }

  private static String cell(String text) {
    return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
  }

  private static String command(BenchConfig config) {
    String args = System.getenv("MAVEN_CMD_LINE_ARGS");
    return args == null || args.isBlank() ? "mvn -B -Pbench verify" : "mvn " + args.trim();
  }

  private static String git(BenchConfig config, String... args) {
    try {
      List<String> command = new java.util.ArrayList<>(List.of("git", "-C",
          config.basedir.toString()));
      command.addAll(List.of(args));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor(10, TimeUnit.SECONDS);
      return process.exitValue() == 0 ? out.trim() : "unknown";
    } catch (IOException | InterruptedException | IllegalThreadStateException e) {
      return "unknown";
    }
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      return "unknown CPU";
    }
    return "unknown CPU";
  }

  private static long memTotalKib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  private static String osName() {
    try {
      for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
        if (line.startsWith("PRETTY_NAME=")) {
          return line.substring("PRETTY_NAME=".length()).replace("\"", "");
        }
      }
    } catch (IOException e) {
      return System.getProperty("os.name");
    }
    return System.getProperty("os.name");
  }
}

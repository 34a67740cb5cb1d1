package com.trafalgar.bench;

import com.trafalgar.testing.TestFiles;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Payara Micro server running the built WAR at context root {@code /} on a free loopback
 * port, configured only by the environment given here (nothing TRAFALGAR_* or ONEPIECE_* leaks
 * in from the shell). Measures the cold start to the first 200 of {@code GET /render/}, reads the
 * server's RSS and heap, and records JFR on request.
 */
final class ServerProcess implements AutoCloseable {
  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
  private static final Pattern NMT_AREA =
      Pattern.compile("^-\\s+(.+?) \\(reserved=\\d+MB, committed=(\\d+)MB\\)", Pattern.MULTILINE);
  private static final Pattern NMT_TOTAL =
      Pattern.compile("Total: reserved=\\d+MB, committed=(\\d+)MB");
  private static final Pattern NMT_THREADS = Pattern.compile("\\(thread #(\\d+)\\)");

  final String name;
  final int port;
  final Path log;
  private final Process process;
  private final long launchedNanos;
  /** Whether the JVM runs with Native Memory Tracking (only then is it worth a jcmd). */
  private final boolean memoryTracked;
  double coldStartSeconds = Double.NaN;

  private ServerProcess(String name, int port, Path log, Process process, long launchedNanos,
      boolean memoryTracked) {
    this.name = name;
    this.port = port;
    this.log = log;
    this.process = process;
    this.launchedNanos = launchedNanos;
    this.memoryTracked = memoryTracked;
  }

  static ServerProcess start(BenchConfig config, String name, Map<String, String> env)
      throws IOException {
    return start(config, name, env, config.war, config.serverJvmArgs, "/render/", config.token);
  }

  /**
   * Boots {@code war} with {@code jvmArgs} (same command files and flags as every server of the
   * run) and returns once {@code readyPath} answers 200 ({@code bearer} may be null).
   */
  static ServerProcess start(BenchConfig config, String name, Map<String, String> env, Path war,
      List<String> jvmArgs, String readyPath, String bearer) throws IOException {
    return start(config, name, env, war, jvmArgs, readyPath, bearer, List.of(), config.postboot);
  }

  /**
   * {@link #start(BenchConfig, String, Map, Path, List, String, String)} with {@code extraArgs}
   * for Payara Micro (e.g. {@code --addlibs}) and another post-boot command file.
   */
  static ServerProcess start(BenchConfig config, String name, Map<String, String> env, Path war,
      List<String> jvmArgs, String readyPath, String bearer, List<String> extraArgs,
      Path postboot) throws IOException {
    int port = freePort();
    Path dir = config.workDir.resolve(name);
    Files.createDirectories(dir);
    Path log = dir.resolve("server.log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-Djava.io.tmpdir=" + dir.resolve("tmp"));
    Files.createDirectories(dir.resolve("tmp"));
    command.addAll(List.of("-jar", config.microJar.toString(),
        "--deploy", war.toString(), "--contextroot", "/",
        "--port", Integer.toString(port), "--nohazelcast", "--disablephonehome"));
    if (config.preboot != null) {
      // Listener settings must be applied before boot (see the file's comment).
      command.addAll(List.of("--prebootcommandfile", config.preboot.toString()));
    }
    command.addAll(extraArgs);
    command.addAll(List.of("--postbootcommandfile", postboot.toString()));
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(key -> key.startsWith("TRAFALGAR_")
        || key.startsWith("ONEPIECE_") || key.startsWith("SHOTGRID_"));
    environment.put("TRAFALGAR_DATA_DIR", dir.resolve("data").toString());
    environment.put("ONEPIECE_INGEST_REGISTRY", dir.resolve("no-ingest-registry.json").toString());
    environment.putAll(env);
    Files.writeString(dir.resolve("command.txt"), String.join(" ", command) + "\n"
        + "env: " + redacted(env) + "\n");
    long launched = System.nanoTime();
    Process process = builder.start();
    boolean tracked = jvmArgs.stream()
        .anyMatch(arg -> arg.startsWith("-XX:NativeMemoryTracking=") && !arg.endsWith("=off"));
    ServerProcess server = new ServerProcess(name, port, log, process, launched, tracked);
    server.awaitFirst200(readyPath, bearer);
    return server;
  }

  private static String redacted(Map<String, String> env) {
    StringBuilder out = new StringBuilder();
    env.forEach((key, value) -> out.append(key).append('=')
        .append(key.contains("TOKEN") || key.contains("KEY") ? "<redacted>" : value).append(' '));
    return out.toString().trim();
  }

  InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", port);
  }

  long pid() {
    return process.pid();
  }

  /** Polls {@code GET <path>} (with the bearer, if any) every 50 ms until it answers 200. */
  private void awaitFirst200(String path, String bearer) throws IOException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base() + path))
        .timeout(Duration.ofSeconds(5));
    if (bearer != null) {
      builder.header("Authorization", "Bearer " + bearer);
    }
    HttpRequest request = builder.build();
    long deadline = launchedNanos + TimeUnit.SECONDS.toNanos(240);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("server " + name + " exited with " + process.exitValue()
            + "; see " + log);
      }
      try {
        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          coldStartSeconds = (System.nanoTime() - launchedNanos) / 1e9;
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for " + name, e);
      }
      sleep(50);
    }
    close();
    throw new IOException("server " + name + " gave no 200 within 240 s; see " + log);
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  /**
   * RSS once the server has been left alone for {@code seconds} after its first 200: what an idle
   * instance costs, with whatever the start left to do in the background done.
   */
  double idleRssMiB(double seconds) {
    sleep((long) (seconds * 1000));
    return rssMiB();
  }

  /** Resident set size of the server JVM in MiB (VmRSS of /proc/pid/status). */
  double rssMiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }

  /** CPU time (user + system) the server has used so far, seconds; NaN when unreadable. */
  double cpuSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields[0] is field 3 (state); utime and stime are fields 14 and 15, in clock ticks.
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** Heap in use in MiB after a full GC (live set), through jcmd; NaN if jcmd is unavailable. */
  double liveHeapMiB() {
    jcmd("GC.run");
    String info = jcmd("GC.heap_info");
    Matcher matcher = HEAP_USED.matcher(info == null ? "" : info);
    return matcher.find() ? Long.parseLong(matcher.group(1)) / 1024.0 : Double.NaN;
  }

  /**
   * Committed memory per JVM area in MiB, from Native Memory Tracking's summary ("total" first,
   * then the areas, then "threads_count", a number of threads), or an empty map when the server
   * runs without {@code -XX:NativeMemoryTracking}: where an RSS figure goes, read by the tool
   * instead of by hand.
   */
  Map<String, Long> nativeMemoryMiB() {
    Map<String, Long> areas = new LinkedHashMap<>();
    if (!memoryTracked) {
      // no jcmd attach (a thread and some memory in the server) for a figure that cannot come
      return areas;
    }
    String summary = jcmd("VM.native_memory", "summary", "scale=MB");
    Matcher total = NMT_TOTAL.matcher(summary == null ? "" : summary);
    if (!total.find()) {
      return areas;
    }
    areas.put("total", Long.parseLong(total.group(1)));
    Matcher area = NMT_AREA.matcher(summary);
    while (area.find()) {
      areas.put(area.group(1).toLowerCase(Locale.ROOT).replace(' ', '_'),
          Long.parseLong(area.group(2)));
    }
    Matcher threads = NMT_THREADS.matcher(summary);
    if (threads.find()) {
      areas.put("threads_count", Long.parseLong(threads.group(1)));
    }
    return areas;
  }

  void startRecording(Path file) {
    jcmd("JFR.start", "name=bench", "settings=profile", "filename=" + file);
  }

  void stopRecording() {
    jcmd("JFR.stop", "name=bench");
  }

  /**
   * Seconds the JIT compilers have spent so far (HotSpot's {@code java.ci.totalTime}, through
   * jcmd); NaN where not readable. The difference over a window tells whether the server was
   * still compiling its hot paths in it (warm-up) or running them.
   */
  double jitSeconds() {
    String counters = jcmd("PerfCounter.print");
    if (counters == null) {
      return Double.NaN;
    }
    double ticks = Double.NaN;
    double frequency = Double.NaN;
    for (String line : counters.split("\n")) {
      if (line.startsWith("java.ci.totalTime=")) {
        ticks = Double.parseDouble(line.substring(line.indexOf('=') + 1).trim());
      } else if (line.startsWith("sun.os.hrt.frequency=")) {
        frequency = Double.parseDouble(line.substring(line.indexOf('=') + 1).trim());
      }
    }
    return ticks / frequency;
  }

  String jcmd(String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    command.add(Long.toString(pid()));
    command.addAll(List.of(arguments));
    try {
      Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      jcmd.waitFor(60, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    deleteRuntimeFiles();
  }

  /**
   * Deletes what Payara Micro unpacked into the server's temporary directory (some 110 MB a
   * server; it is not removed on SIGTERM), once the process is gone: a full run starts two dozen.
   */
  private void deleteRuntimeFiles() {
    if (process.isAlive()) {
      return;
    }
    TestFiles.deleteTree(log.resolveSibling("tmp"));
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1,
        java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

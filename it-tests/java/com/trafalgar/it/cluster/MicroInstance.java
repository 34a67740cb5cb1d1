package com.trafalgar.it.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.trafalgar.testing.PostgresServer;
import java.io.IOException;
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
import java.util.List;
import java.util.Map;

/**
 * One Trafalgar instance in clustered mode: Payara Micro started as a child process exactly as
 * docs/operations.md tells an operator (the common post-boot file followed by
 * {@code server-config/payara-micro/cluster-datasource.asadmin}, the driver added with {@code
 * --addlibs}, the database named by environment variables), so a test can SIGKILL it.
 */
final class MicroInstance implements AutoCloseable {
  static final String TOKEN = "cluster-it-token";

  private final Path work;
  private final String name;
  private Process process;
  private int port;

  MicroInstance(Path work, String name) {
    this.work = work;
    this.name = name;
  }

  /** Starts the instance on {@code war} against {@code database} and waits until it answers. */
  MicroInstance start(Path war, PostgresServer database, Map<String, String> extraEnv)
      throws Exception {
    launch(war, database, extraEnv);
    if (!awaitReady()) {
      // Payara Micro's occasional boot flake (see RenderRestartIT): retried once
      process.destroyForcibly().waitFor();
      launch(war, database, extraEnv);
      assertTrue(awaitReady(), "Payara Micro did not deploy the application; see " + log());
    }
    return this;
  }

  private void launch(Path war, PostgresServer database, Map<String, String> extraEnv)
      throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path boot = work.resolve("post-boot-cluster.asadmin");
    Files.writeString(boot,
        Files.readString(Path.of(System.getProperty("trafalgar.postboot"))) + "\n"
            + Files.readString(Path.of("server-config/payara-micro/cluster-datasource.asadmin")));
    Path driver = Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI());
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
        "-jar", System.getProperty("payara.microJar"),
        "--deploy", war.toString(),
        "--port", String.valueOf(port),
        "--nohazelcast", "--disablephonehome",
        "--addlibs", driver.toString(),
        "--postbootcommandfile", boot.toString()));
    String preboot = System.getProperty("trafalgar.preboot");
    if (preboot != null && !preboot.isBlank()) {
      command.addAll(List.of("--prebootcommandfile", preboot));
    }
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.put("TRAFALGAR_DASHBOARD_TOKEN", TOKEN);
    env.put("TRAFALGAR_CLUSTER_DATASOURCE", "jdbc/trafalgar");
    env.put("TRAFALGAR_PG_HOST", "127.0.0.1");
    env.put("TRAFALGAR_PG_PORT", String.valueOf(database.port()));
    env.put("TRAFALGAR_PG_DATABASE", PostgresServer.USER);
    env.put("TRAFALGAR_PG_USER", PostgresServer.USER);
    env.put("TRAFALGAR_PG_PASSWORD", "unused-trust-auth");
    env.putAll(extraEnv);
    builder.redirectErrorStream(true);
    builder.redirectOutput(log().toFile());
    process = builder.start();
  }

  /** The instance id {@code ClusterDatabase} logged at startup. */
  String instanceId() throws IOException {
    java.util.regex.Matcher found = java.util.regex.Pattern
        .compile("Clustered mode: .*\\(instance ([0-9a-f-]{36})\\)")
        .matcher(Files.readString(log(), StandardCharsets.ISO_8859_1));
    if (!found.find()) {
      throw new AssertionError("no instance id in " + log());
    }
    return found.group(1);
  }

  /** Whether the log says {@code text}. */
  boolean logged(String text) throws IOException {
    return Files.readString(log(), StandardCharsets.ISO_8859_1).contains(text);
  }

  Path log() {
    return work.resolve(name + ".log");
  }

  /** Whether the server answers; false as soon as its log says the deployment failed. */
  private boolean awaitReady() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
    while (System.nanoTime() < deadline) {
      assertTrue(process.isAlive(), "Payara Micro exited; see " + log());
      try {
        HttpResponse<String> answer = client.send(request("/render/").GET().build(),
            HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200) {
          return true;
        }
      } catch (IOException notYet) {
        // still booting
      }
      if (Files.exists(log()) && Files.readString(log(), StandardCharsets.ISO_8859_1)
          .contains("Exception while deploying the app")) {
        return false;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("Payara Micro did not start; see " + log());
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + TOKEN);
  }

  /** SIGKILL, as {@code kill -9}. */
  void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly().waitFor();
    }
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}

package com.trafalgar.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server for tests: a real server process (Debian's {@code postgresql}
 * package, which {@code .ci/run} installs), never a mock or H2 (issue 14).
 *
 * <p>{@link #start()} runs {@code initdb} into a fresh directory under {@code
 * target/postgres/}, then {@code pg_ctl start} on a free loopback port with trust authentication
 * for the database user {@code trafalgar} (no password: loopback only, throw-away data). PostgreSQL
 * refuses to run as root, so when the build runs as root the commands run as the {@code postgres}
 * account through {@code runuser}, and the directory is handed to that account. {@link #stop()}
 * stops it ({@code pg_ctl stop -m fast}); {@link #restart()} keeps the data and the port, so
 * fault tests can take the database away and bring it back. A JVM that dies without stopping the
 * server leaves a postmaster behind: the next {@link #start()} stops every server it finds under
 * {@code target/postgres/} first, and deletes what it left. {@link #close()} (and JVM exit)
 * deletes the data, so a build does not keep a data directory per server.
 *
 * <p>The binaries are found through the system property or variable {@code TRAFALGAR_PG_BIN}
 * (a directory holding {@code initdb}), else the newest {@code /usr/lib/postgresql/<v>/bin}.
 * Where none exists {@link #available()} is false: tests skip with a loud message, except under
 * {@code CI=true}, where a missing server is a failure ({@link #assumeAvailable()}).
 */
public final class PostgresServer implements AutoCloseable {
  /** The database user and database the tests use. */
  public static final String USER = "trafalgar";

  private static final Path ROOT = Path.of("target", "postgres").toAbsolutePath();
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  private static PostgresServer shared;

  private final Path bin;
  private final Path dir;
  private final boolean fsync;
  private int port;
  private boolean running;

  private PostgresServer(Path bin, Path dir, boolean fsync) {
    this.bin = bin;
    this.dir = dir;
    this.fsync = fsync;
  }

  /** The directory of the PostgreSQL binaries, if this machine has them. */
  public static Optional<Path> binaries() {
    String configured = System.getProperty("TRAFALGAR_PG_BIN", System.getenv("TRAFALGAR_PG_BIN"));
    if (configured != null && !configured.isBlank()) {
      Path path = Path.of(configured);
      return Files.isExecutable(path.resolve("initdb")) ? Optional.of(path) : Optional.empty();
    }
    Path debian = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(debian)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(debian)) {
      return versions
          .filter(v -> v.getFileName().toString().matches("\\d+"))
          .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Whether a server can be started here. */
  public static boolean available() {
    return binaries().isPresent();
  }

  /**
   * Skips the calling test (JUnit assumption) where PostgreSQL is missing, loudly; under {@code
   * CI=true} a missing server fails instead, so CI never passes by skipping.
   */
  public static void assumeAvailable() {
    if (available()) {
      return;
    }
    String message = "PostgreSQL binaries not found (install Debian's postgresql package or set "
        + "TRAFALGAR_PG_BIN): the PostgreSQL tests are SKIPPED";
    if ("true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(message.replace("are SKIPPED", "cannot run under CI=true"));
    }
    System.err.println("*** " + message + " ***");
    org.junit.jupiter.api.Assumptions.assumeTrue(false, message);
  }

  /**
   * One server for the whole test JVM (fsync off), started on first use and stopped at JVM exit;
   * tests that share it call {@link #resetDatabase()} to start empty.
   */
  public static synchronized PostgresServer shared() {
    if (shared == null) {
      shared = start(false);
    }
    return shared;
  }

  /** Starts a fresh server with fsync on (what production runs). */
  public static PostgresServer start() {
    return start(true);
  }

  /**
   * Starts a fresh server; {@code fsync=false} trades crash safety of the throw-away data for
   * speed (a fast-stopped or restarted server keeps its data either way).
   */
  public static PostgresServer start(boolean fsync) {
    return start(fsync, 0);
  }

  /**
   * Starts a fresh server on {@code port} (0: a free one). A fixed port is for a server process
   * that must know the database's address before the test starts it: the ITs' WildFly and Payara
   * Server read it from their environment at boot (pom.xml, {@code trafalgar.it.pg.port}).
   */
  public static PostgresServer start(boolean fsync, int port) {
    Path bin = binaries().orElseThrow(() -> new IllegalStateException("PostgreSQL not found"));
    try {
      Files.createDirectories(ROOT);
      stopLeftovers(bin);
      Path dir = Files.createTempDirectory(ROOT, "pg-");
      Files.writeString(dir.resolve("owner.pid"), ProcessHandle.current().pid() + "\n");
      PostgresServer server = new PostgresServer(bin, dir, fsync);
      server.init();
      server.port = port == 0 ? freePort() : port;
      server.startProcess();
      server.resetDatabase();
      Runtime.getRuntime().addShutdownHook(new Thread(server::stopQuietly, "postgres-stop"));
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JDBC URL of the {@code trafalgar} database. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + USER;
  }

  public int port() {
    return port;
  }

  /** The server's data directory (gone after {@link #close()}). */
  public Path dataDirectory() {
    return dir.resolve("data");
  }

  /** A new connection as {@link #USER}; the caller closes it. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), USER, "");
  }

  /** Drops and recreates the test database, so each test starts empty. */
  public void resetDatabase() {
    try (Connection c = DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, "");
        var statement = c.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + USER + " WITH (FORCE)");
      statement.execute("CREATE DATABASE " + USER + " OWNER " + USER);
    } catch (SQLException e) {
      throw new IllegalStateException("could not reset the test database", e);
    }
  }

  /** Stops the server (fast: open sessions are ended) and keeps its data. */
  public synchronized void stop() {
    if (running) {
      run(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast",
          "-w", "stop");
      running = false;
    }
  }

  /** Starts the stopped server again on the same port with the same data. */
  public synchronized void restart() {
    stop();
    startProcess();
  }

  /** Stops the server and deletes its data (its log stays, for a failed test to be read). */
  @Override
  public synchronized void close() {
    stop();
    TestFiles.deleteTree(dataDirectory());
  }

  private void stopQuietly() {
    try {
      close();
    } catch (RuntimeException e) {
      // at JVM exit: nothing more to do
    }
  }

  private void init() throws IOException {
    if (asRoot()) {
      run("chown", "postgres:", dir.toString());
    }
    run(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", USER,
        "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync");
  }

  private synchronized void startProcess() {
    String options = String.join(" ", List.of(
        "-p", String.valueOf(port), "-k", dir.toString(), "-c", "listen_addresses=127.0.0.1",
        "-c", "fsync=" + (fsync ? "on" : "off"), "-c", "max_connections=200"));
    run(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
        dir.resolve("server.log").toString(), "-o", options, "-w", "-t", "60", "start");
    running = true;
    Path pidFile = dir.resolve("data").resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      throw new IllegalStateException("PostgreSQL did not start; see " + dir.resolve("server.log"));
    }
  }

  private static void stopLeftovers(Path bin) throws IOException {
    try (Stream<Path> dirs = Files.list(ROOT)) {
      for (Path old : dirs.toList()) {
        if (ownerAlive(old)) {
          continue;
        }
        if (Files.exists(old.resolve("data").resolve("postmaster.pid"))) {
          try {
            runIn(bin.resolve("pg_ctl").toString(), "-D", old.resolve("data").toString(),
                "-m", "immediate", "-w", "stop");
          } catch (RuntimeException e) {
            // not running any more: the stale pid file is harmless
          }
        }
        TestFiles.deleteTree(old); // some 50 MB a server: a build does not keep them
      }
    }
  }

  /** Whether the JVM that started the server in {@code dir} still runs (then it is not ours). */
  private static boolean ownerAlive(Path dir) {
    try {
      long pid = Long.parseLong(Files.readString(dir.resolve("owner.pid")).trim());
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }

  /** A port free at the time of asking; the small race with other builds is accepted. */
  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private void run(String... command) {
    runIn(command);
  }

  private static boolean asRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** Runs a command (as {@code postgres} when we are root, except chown) and waits for it. */
  private static void runIn(String... command) {
    List<String> full = new ArrayList<>();
    if (asRoot() && !command[0].equals("chown")) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(List.of(command));
    try {
      Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("timed out: " + String.join(" ", full));
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", full) + " failed ("
            + process.exitValue() + "): " + new String(output, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + String.join(" ", full), e);
    }
  }
}

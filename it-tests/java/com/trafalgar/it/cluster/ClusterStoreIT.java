package com.trafalgar.it.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.trafalgar.it.Deployments;
import com.trafalgar.it.Http;
import com.trafalgar.testing.PostgresServer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The clustered mode's job store on a real server and a real PostgreSQL (issue 14): the container
 * DataSource found by its JNDI name, the schema migrated at startup by the WAR, a {@code 201} that
 * means a committed row, {@code kill -9} losing no acknowledged job, and clear {@code 503}s while
 * the database is down with recovery once it is back.
 *
 * <p>Payara Micro only, as {@code RenderRestartIT}: it starts and kills server processes itself.
 */
@EnabledIfSystemProperty(named = "trafalgar.it.server", matches = "payara-micro")
class ClusterStoreIT {
  static final Path WORK = Path.of("target/it-cluster").toAbsolutePath();
  static Path war;

  PostgresServer database;
  final List<MicroInstance> instances = new ArrayList<>();

  @BeforeAll
  static void buildWar() throws IOException {
    Files.createDirectories(WORK);
    war = WORK.resolve("ROOT.war");
    Deployments.trafalgar(Map.of()).as(ZipExporter.class).exportTo(war.toFile(), true);
  }

  @BeforeEach
  void startDatabase() {
    PostgresServer.assumeAvailable();
    database = PostgresServer.start(false);
  }

  @AfterEach
  void stopAll() throws InterruptedException {
    for (MicroInstance instance : instances) {
      instance.kill();
    }
    if (database != null) {
      database.close();
    }
  }

  MicroInstance instance(String name) throws Exception {
    MicroInstance instance = new MicroInstance(WORK, name).start(war, database,
        Map.of("TRAFALGAR_RENDER_STATUS_POLL_INTERVAL", "0.5"));
    instances.add(instance);
    return instance;
  }

  @Test
  void acknowledgedJobsAreCommittedRowsAndSurviveKillDashNine() throws Exception {
    MicroInstance first = instance("first");
    ClusterChecks onFirst = new ClusterChecks(database, first::request);
    HttpClient client = HttpClient.newHttpClient();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    ExecutorService clients = Executors.newFixedThreadPool(8);
    List<Future<?>> running = new ArrayList<>();
    for (int c = 0; c < 8; c++) {
      running.add(clients.submit(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          try {
            HttpResponse<String> answer = client.send(onFirst.submission(),
                HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 201) {
              acknowledged.add(Http.JSON.readTree(answer.body()).get("job_id").asText());
            }
          } catch (IOException serverGone) {
            return null;
          }
        }
        return null;
      }));
    }
    while (acknowledged.size() < 200) {
      Thread.sleep(20);
    }
    first.kill();
    clients.shutdownNow();
    for (Future<?> future : running) {
      try {
        future.get();
      } catch (Exception ignored) {
        // clients end when the server dies
      }
    }
    Set<String> snapshot = new HashSet<>(acknowledged);
    Set<String> rows = onFirst.rows();
    Set<String> missing = new HashSet<>(snapshot);
    missing.removeAll(rows);
    assertTrue(missing.isEmpty(), missing.size() + " acknowledged jobs have no row");

    ClusterChecks onSecond = new ClusterChecks(database, instance("second")::request);
    missing = new HashSet<>(snapshot);
    missing.removeAll(onSecond.listed());
    assertTrue(missing.isEmpty(), missing.size() + " acknowledged jobs lost of " + snapshot.size());
    onSecond.healthReportsTheDatabaseStore();
  }

  @Test
  void aDatabaseRestartGivesClear503sAndTheServiceRecoversByItself() throws Exception {
    new ClusterChecks(database, instance("restart")::request)
        .databaseRestartGivesClear503sAndTheServiceRecovers();
  }
}

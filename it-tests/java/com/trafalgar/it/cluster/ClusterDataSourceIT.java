package com.trafalgar.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.trafalgar.it.Deployments;
import com.trafalgar.it.Http;
import com.trafalgar.it.TargetServer;
import com.trafalgar.it.WarTest;
import com.trafalgar.testing.PostgresServer;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The clustered mode on WildFly and Payara Server, set up the way docs/operations.md tells an
 * operator: the build gave the suite's server the PostgreSQL driver (a WildFly module from {@code
 * jboss-cli module add}; {@code asadmin add-library} on Payara Server) and the DataSource of
 * {@code server-config/wildfly/cluster-datasource.cli} or {@code
 * server-config/payara-server/cluster-datasource.asadmin}, with the {@code TRAFALGAR_PG_*}
 * variables in the server's environment (pom.xml). This test starts the PostgreSQL they point at
 * ({@code trafalgar.it.pg.port}) and deploys the WAR with {@code TRAFALGAR_CLUSTER_DATASOURCE}
 * naming the server's DataSource.
 *
 * <p>Payara Micro is covered by {@code ClusterStoreIT}, which starts its own processes.
 */
@WarTest
@EnabledIfSystemProperty(named = "trafalgar.it.server", matches = "wildfly|payara-server")
class ClusterDataSourceIT {
  static final String TOKEN = "cluster-datasource-it-token";
  static final String DEPLOYMENT = "cluster";
  /** The password pom.xml gives the server (PostgresServer trusts loopback: it is never used). */
  static final String PASSWORD = System.getProperty("trafalgar.it.pg.password", "");

  static PostgresServer database;

  @Deployment(name = DEPLOYMENT, managed = false, testable = false)
  static WebArchive deployment() {
    return Deployments.trafalgar("TRAFALGAR_DASHBOARD_TOKEN", TOKEN,
        "TRAFALGAR_CLUSTER_DATASOURCE", "wildfly".equals(TargetServer.name())
            ? "java:jboss/datasources/TrafalgarDS" : "jdbc/trafalgar");
  }

  @ArquillianResource Deployer deployer;

  @BeforeAll
  static void startDatabase() {
    PostgresServer.assumeAvailable();
    assertFalse(PASSWORD.isBlank(), "pom.xml gives the server a database password");
    // the port the server's environment names (its DataSource resolved it at boot)
    database = PostgresServer.start(false, Integer.getInteger("trafalgar.it.pg.port"));
  }

  @AfterAll
  static void stopDatabase() {
    if (database != null) {
      database.close();
    }
  }

  @Test
  void theDocumentedDataSourceKeepsJobsInPostgresql() throws Exception {
    ClusterChecks checks = new ClusterChecks(database, ClusterDataSourceIT::request);
    long logBefore = Files.size(TargetServer.log());
    deployer.deploy(DEPLOYMENT);
    try {
      String job = checks.submitAcknowledged();
      assertTrue(checks.rows().contains(job), "the acknowledged job " + job + " is not a row");
      checks.healthReportsTheDatabaseStore();
      JsonNode ready = readinessCheck("render-job-store");
      // asText: Payara writes every data value as a string (TargetServer)
      assertEquals("UP", ready.get("status").asText(), ready.toString());
      assertEquals("true", ready.get("data").get("enabled").asText(), ready.toString());
      assertEquals("ok", ready.get("data").get("state").asText(), ready.toString());
      String log = TargetServer.logAfter(logBefore);
      assertTrue(log.contains("Clustered mode: job store, event log and leases in the DataSource"),
          "no clustered-mode start-up line in " + TargetServer.log());

      // the job is the database's, not the deployment's memory
      deployer.undeploy(DEPLOYMENT);
      deployer.deploy(DEPLOYMENT);
      Set<String> listed = checks.listed();
      assertTrue(listed.contains(job), job + " is not listed after a redeploy: " + listed);
      checks.healthReportsTheDatabaseStore();

      checks.databaseRestartGivesClear503sAndTheServiceRecovers();
      log = TargetServer.logAfter(logBefore);
      // the driver (WildFly module, Payara common library) is visible to the WAR, so the event
      // log's follower LISTENs; it says this when it has to fall back to polling
      assertFalse(log.contains("notification API is not visible"),
          "the event log fell back to polling; see " + TargetServer.log());
      assertFalse(log.contains(PASSWORD), "the database password reached the server log");
    } finally {
      deployer.undeploy(DEPLOYMENT);
    }
  }

  /** The named check of {@code /health/ready} (on WildFly's management interface). */
  private static JsonNode readinessCheck(String name) throws Exception {
    Http.Answer ready = new Http(new URL(System.getProperty("trafalgar.it.http.url")))
        .health("/health/ready");
    assertEquals(200, ready.status(), ready.body());
    for (JsonNode check : ready.json().get("checks")) {
      if (check.get("name").asText().equals(name)) {
        return check;
      }
    }
    throw new AssertionError("no readiness check " + name + ": " + ready.body());
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(System.getProperty("trafalgar.it.http.url") + path))
        .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + TOKEN);
  }
}

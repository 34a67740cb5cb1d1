package com.trafalgar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The startup thread begins once the container has started the servlets (web.xml's {@code
 * trafalgar-startup} gate, docs/architecture.md), not by its ten-second fallback, on the servers
 * whose logs the suite reads; on WildFly, after RESTEasy has deployed the application. Payara
 * Micro runs the same Jersey as Payara Server; the benchmark reads its log (docs/benchmarks.md).
 */
@WarTest
@EnabledIfSystemProperty(named = "trafalgar.it.server", matches = "wildfly|payara-server")
class StartupIT {
  static final String DEPLOYMENT = "startup";
  static final String STARTED =
      "The servlets have started: starting the background features on trafalgar-startup.";
  static final String RESTEASY_STARTED = "RESTEASY002225: Deploying jakarta.ws.rs.core.Application";

  @Deployment(name = DEPLOYMENT, managed = false, testable = false)
  static WebArchive deployment() {
    return Deployments.trafalgar("TRAFALGAR_DASHBOARD_TOKEN", "startup-it-token");
  }

  @ArquillianResource Deployer deployer;

  @Test
  void theBackgroundFeaturesStartOnceTheServletsHaveStarted() throws Exception {
    long before = Files.size(TargetServer.log());
    deployer.deploy(DEPLOYMENT);
    try {
      Http http = new Http(new URL(System.getProperty("trafalgar.it.http.url")));
      assertEquals(200, http.get("/render/", Http.bearer("startup-it-token")).status());
      String log = TargetServer.logAfter(before);
      for (int waited = 0; !log.contains(STARTED) && waited < 300; waited++) {
        Thread.sleep(100);
        log = TargetServer.logAfter(before);
      }
      assertTrue(log.contains(STARTED), "the startup gate never opened; see " + TargetServer.log());
      assertFalse(log.contains("The startup gate did not open"), log);
      if (TargetServer.name().equals("wildfly")) {
        int resteasy = log.indexOf(RESTEASY_STARTED);
        assertTrue(resteasy >= 0 && resteasy < log.indexOf(STARTED),
            "the startup thread began before RESTEasy had deployed the application");
      }
    } finally {
      deployer.undeploy(DEPLOYMENT);
    }
  }
}

package com.trafalgar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The WAR's own Jackson is the one its classes use on every server: Payara (glassfish-web.xml,
 * {@code delegate="false"}) and WildFly (jboss-deployment-structure.xml excludes the server's
 * Jackson modules, which are a different version). Its JSON provider is then the only one.
 */
@WarTest
class BundledJacksonIT {
  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.trafalgar("TRAFALGAR_DASHBOARD_TOKEN", "jackson-it-token")
        .addClass(JacksonProbeServlet.class);
  }

  @ArquillianResource Http http;

  @Test
  void theApplicationLinksToTheJacksonInItsWar() {
    Http.Answer probe = http.get("/__test/jackson");
    assertEquals(200, probe.status(), probe.body());
    JsonNode answer = probe.json();
    String bundled = System.getProperty("trafalgar.jackson.version");
    assertEquals(bundled, answer.get("databind").asText(), answer.toString());
    assertEquals(bundled, answer.get("provider").asText(), answer.toString());
  }
}

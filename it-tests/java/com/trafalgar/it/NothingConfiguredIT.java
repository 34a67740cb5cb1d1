package com.trafalgar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** No credential of any kind: there are no built-in defaults, so protected routes answer 503. */
@WarTest
class NothingConfiguredIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.trafalgar();
  }

  @ArquillianResource Http http;

  @Test
  void serviceRoutesAre503WhateverIsSent() {
    for (String[] headers : new String[][] {{}, Http.bearer("anything"),
        {"X-API-Key", "admin", "X-API-Secret", "admin"}}) {
      Http.Answer answer = http.get("/render/", headers);
      assertEquals(503, answer.status());
      assertEquals("Service authentication has not been configured.",
          answer.json().get("detail").asText());
    }
    assertEquals(503, http.get("/ingest/?access_token=x").status());
  }

  @Test
  void dashboardRoutesAre503() {
    Http.Answer answer = http.get("/metrics", Http.bearer("anything"));
    assertEquals(503, answer.status());
    assertEquals("Dashboard authentication token is not configured.",
        answer.json().get("detail").asText());
  }

  @Test
  void unknownPathsStill404AndPublicHealthAnswers() {
    assertEquals(404, http.get("/render/unknown/deep/path").status());
    assertEquals(200, http.health("/health/live").status());
  }
}

package com.trafalgar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpClient;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clients in {@code java.net.http.HttpClient}'s default (HTTP/2) mode against the Arquillian
 * start path: h2c is off (docs/operations.md, <i>HTTP/2</i>), so an early 413 or 401 reaches them
 * at once, and a stream they close unsubscribes while their other streams carry on. With h2c on,
 * all three tests fail.
 */
@WarTest
class Http2IT {
  static final String TOKEN = "http2-token";
  static final Duration KEEPALIVE = Duration.ofSeconds(1);

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.trafalgar(
        "TRAFALGAR_DASHBOARD_TOKEN", TOKEN,
        "TRAFALGAR_RENDER_SSE_KEEPALIVE_INTERVAL", String.valueOf(KEEPALIVE.toSeconds()),
        "TRAFALGAR_RENDER_STATUS_POLL_INTERVAL", "0");
  }

  @ArquillianResource Http http;
  Http2Probe probe;

  @BeforeEach
  void client() {
    probe = new Http2Probe(http.base(), TOKEN);
  }

  @Test
  void defaultClientGetsHttp11() {
    assertEquals(HttpClient.Version.HTTP_1_1, probe.defaultClientVersion());
    probe.upgradeIsDeclined();
  }

  @Test
  void bodiesOfDefaultClientAreReadAtOnce() {
    probe.bodiesOfDefaultClientAreRead();
  }

  @Test
  void earlyAnswerReachesDefaultClientAtOnce() {
    probe.earlyAnswersArrivePromptly();
  }

  @Test
  void closedStreamOfDefaultClientUnsubscribes() {
    probe.closedStreamUnsubscribes(KEEPALIVE);
  }
}

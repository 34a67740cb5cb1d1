package com.trafalgar.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.trafalgar.it.Deployments;
import com.trafalgar.it.WarTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Defence in depth (tracker issue 12): with the handshake filter mapped away from every request,
 * as a mapping mistake would, the WebSocket runtime upgrades anyone, and the endpoints themselves
 * close the session with 1008 before sending a snapshot or an event.
 */
@WarTest
class SocketGuardIT {
  static final String TOKEN = "guard-operator";
  static final String FILTER = "trafalgar-websocket-handshake";

  /** The WAR whose web.xml maps the handshake filter to a path nobody requests. */
  @Deployment(testable = false)
  static WebArchive deployment() {
    WebArchive archive = Deployments.trafalgar("TRAFALGAR_DASHBOARD_TOKEN", TOKEN);
    String webXml;
    try (InputStream in = archive.get("WEB-INF/web.xml").getAsset().openStream()) {
      webXml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String remap = "  <filter-mapping><filter-name>" + FILTER + "</filter-name>"
        + "<url-pattern>/__handshake-filter-mapped-away</url-pattern></filter-mapping>\n";
    archive.delete("WEB-INF/web.xml");
    return archive.addAsWebInfResource(
        new StringAsset(webXml.replace("</web-app>", remap + "</web-app>")), "web.xml");
  }

  @ArquillianResource URL deployedAt;
  RawHttp raw;

  @BeforeEach
  void client() {
    raw = new RawHttp(deployedAt.getPort());
  }

  /** Upgraded (the filter is out of the way), then closed with 1008 and nothing else. */
  private void closedWithPolicyViolation(String target, String... headers) {
    RawHttp.Answer answer = raw.upgrade(target, headers);
    assertEquals(101, answer.status(), "the filter is still in the way: " + answer);
    String frames = answer.body();
    assertFalse(frames.contains("snapshot") || frames.contains("connected"), frames);
    assertTrue(frames.length() >= 4, "no close frame: " + frames);
    assertEquals(0x88, frames.charAt(0), "first frame is not a close frame: " + frames);
    assertEquals(1008, (frames.charAt(2) << 8) | frames.charAt(3), frames);
  }

  /**
   * A root alias is an endpoint only through the filter (it hands the runtime the canonical
   * path), so without the filter it is never upgraded.
   */
  private void neverUpgraded(String target) {
    RawHttp.Answer answer = raw.upgrade(target);
    assertNotEquals(101, answer.status(), answer.toString());
  }

  @Test
  void renderEndpointsRefuseASessionTheFilterDidNotAuthenticate() {
    closedWithPolicyViolation("/render/jobs/ws");
    neverUpgraded("/jobs/ws");
  }

  @Test
  void ingestEndpointsRefuseASessionTheFilterDidNotAuthenticate() {
    closedWithPolicyViolation("/ingest/runs/ws");
    neverUpgraded("/runs/ws");
  }

  @Test
  void credentialsTheFilterDidNotCheckAreNotEnough() {
    closedWithPolicyViolation("/render/jobs/ws", "Authorization", "Bearer " + TOKEN);
    closedWithPolicyViolation("/ingest/runs/ws?access_token=" + TOKEN);
  }
}

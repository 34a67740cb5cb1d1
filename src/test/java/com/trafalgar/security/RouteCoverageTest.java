package com.trafalgar.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every resource method and WebSocket endpoint compiled into the application has a roles-matrix
 * rule, found by reflection over the main classes: a route added without a rule fails the build
 * here. {@code RouteCoverageIT} repeats the check on the classes inside the built WAR and sends
 * each protected route's spellings to the deployed application.
 */
class RouteCoverageTest {

  private static List<Class<?>> mainClasses() throws URISyntaxException {
    java.nio.file.Path root = java.nio.file.Path.of(RouteAccessPolicy.class.getProtectionDomain()
        .getCodeSource().getLocation().toURI());
    return RouteScan.classesUnder(root, RouteCoverageTest.class.getClassLoader());
  }

  @Test
  void everyRouteOfTheApplicationHasARule() throws Exception {
    RouteScan scan = RouteScan.of(mainClasses());
    assertEquals(List.of(), scan.problems());

    Set<String> found = new TreeSet<>();
    scan.routes().forEach(route -> found.add(route.method() + " " + route.template()));
    // the scan sees what the runtime serves: inherited alias methods, HEAD, regex variables
    for (String expected : new String[] {"GET /", "GET /static/{asset}", "POST /admin/cache",
        "DELETE /jobs/{job_id}", "DELETE /render/jobs/{job_id}", "POST /jobs",
        "GET /runs/{run_id}", "HEAD /render/jobs/stream", "HEAD /runs/stream",
        "GET /deliveries/{project}/{delivery}",
        "GET /review/projects/{project}/playlists/{playlist}",
        "WEBSOCKET /render/jobs/ws", "WEBSOCKET /jobs/ws", "WEBSOCKET /ingest/runs/ws",
        "WEBSOCKET /runs/ws"}) {
      assertTrue(found.contains(expected), expected + " not in " + found);
    }
  }

  @Path("render/secret")
  public static class UnlistedResource {
    @GET
    public String secret() {
      return "";
    }

    @DELETE
    @Path("{id: [a-z]{2}/[0-9]+}")
    public String remove() {
      return "";
    }

    @Path("sub")
    public Object locator() {
      return null;
    }
  }

  @ServerEndpoint("/render/jobs/firehose")
  public static class UnlistedSocket {
    @OnOpen
    public void open(Session session) {
      // nothing
    }
  }

  @Test
  void aRouteWithoutARuleIsReported() {
    List<String> problems =
        RouteScan.of(List.of(UnlistedResource.class, UnlistedSocket.class)).problems();
    String all = String.join("\n", problems);
    assertTrue(all.contains("no roles-matrix rule for GET /render/secret"), all);
    assertTrue(all.contains("no roles-matrix rule for DELETE /render/secret/{id}"), all);
    assertTrue(all.contains("sub-resource locator"), all);
    // the path matches the {job_id} rule, which is not a stream rule: still reported
    assertTrue(all.contains("not a stream rule: WEBSOCKET /render/jobs/firehose"), all);
    assertTrue(all.contains("missing from StreamRoutes.WEBSOCKET_PATHS"), all);
    // the four stream sockets are not served by this set of classes
    assertTrue(all.contains("names /render/jobs/ws but no endpoint serves it"), all);
  }

  @Test
  void templatesNameVariablesWithoutTheirRegexes() {
    assertEquals("/runs/{run_id}",
        RouteTemplate.normalise("/runs/{run_id: (?!(?:stream|ws)(?:/|$))[^/]+}"));
    assertEquals("/a/{id}/b", RouteTemplate.normalise("//a/{ id : [0-9]{2,3} }//b/"));
    assertEquals("/static/{asset}", RouteTemplate.normalise("/static/{asset: .+}"));
    assertEquals("/", RouteTemplate.normalise("//"));
  }
}

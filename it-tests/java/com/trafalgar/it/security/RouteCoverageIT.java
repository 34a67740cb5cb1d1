package com.trafalgar.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.trafalgar.it.Deployments;
import com.trafalgar.it.Http;
import com.trafalgar.it.WarTest;
import com.trafalgar.security.Access;
import com.trafalgar.security.RouteAccessPolicy;
import com.trafalgar.security.RouteScan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tracker issue 12: authentication cannot be bypassed by spelling. The routes are enumerated from
 * the built WAR (every {@code @Path} method and {@code @ServerEndpoint}); each has a roles-matrix
 * rule, and each protected one, written every way of {@link Spellings}, answers a caller without
 * the role with a refusal, never with data, and the right caller with the same answer or a
 * refusal. Requests go out on a raw socket, as written.
 */
@WarTest
class RouteCoverageIT {
  static final String TOKEN = "coverage-operator";
  static final String NO_ROLE = "coverage-admin-only";
  static final String SUBMISSION = "{\"dcc\":\"maya\",\"scene\":\"/s.ma\",\"output\":\"/out\"}";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.trafalgar(
        "TRAFALGAR_DASHBOARD_TOKEN", TOKEN,
        "TRAFALGAR_SERVICE_CREDENTIALS",
        "[{\"id\": \"admin-only\", \"token\": \"" + NO_ROLE + "\", \"roles\": \"admin\"}]",
        "TRAFALGAR_RENDER_STATUS_POLL_INTERVAL", "0");
  }

  @ArquillianResource Http http;
  RawHttp raw;

  @BeforeEach
  void client() {
    raw = new RawHttp(http.base().getPort());
  }

  // --- the four reproductions of the issue: upgraded and streamed without any credential ---

  /**
   * Refused before the WebSocket runtime sees it: the container routes these to an endpoint path
   * (or, for {@code ;x}, to {@code /render}), but only an endpoint path spelled exactly as declared
   * may be upgraded, so the filter and the runtime can never read two different paths.
   */
  private void upgradeRefused(String target) {
    RawHttp.Answer answer = raw.upgrade(target);
    assertNotEquals(101, answer.status(), target + " upgraded without credentials: " + answer);
    assertFalse(answer.body().contains("snapshot"), answer.toString());
    assertEquals(404, answer.status(), answer.toString());
    assertEquals("{\"detail\":\"Not Found\"}", answer.body());
    assertEquals("application/json", answer.header("Content-Type").split(";")[0]);
  }

  @Test
  void encodedLetterInRenderIsNotUpgraded() {
    upgradeRefused("/%72ender/jobs/ws");
  }

  @Test
  void pathParameterOnRenderIsNotUpgraded() {
    upgradeRefused("/render;x/jobs/ws");
  }

  @Test
  void encodedLetterInJobsAliasIsNotUpgraded() {
    upgradeRefused("/%6Aobs/ws");
  }

  @Test
  void encodedLetterInIngestRunsIsNotUpgraded() {
    upgradeRefused("/ingest/run%73/ws");
  }

  @Test
  void theDeclaredSpellingStillNeedsACredentialAndThenOpens() {
    RawHttp.Answer anonymous = raw.upgrade("/render/jobs/ws");
    assertEquals(401, anonymous.status(), anonymous.toString());
    assertEquals("no-store", anonymous.header("Cache-Control"));
    RawHttp.Answer operator = raw.upgrade("/render/jobs/ws", "Authorization", "Bearer " + TOKEN);
    assertEquals(101, operator.status(), operator.toString());
    // the endpoint found the caller the filter recorded (Tyrus took it from the request)
    assertTrue(operator.body().contains("\"type\":\"connected\""), operator.toString());
    // a token in the query opens it too, and no header of the answer repeats it
    RawHttp.Answer query = raw.upgrade("/render/jobs/ws?access_token=" + TOKEN);
    assertEquals(101, query.status(), query.toString());
    assertFalse(query.toString().contains(TOKEN), query.toString());
    // one trailing slash is ignored on every route (API.md 1.6), WebSocket endpoints included
    assertEquals(401, raw.upgrade("/ingest/runs/ws/").status());
    // the handshake filter hands Tyrus (request URI) and Undertow (servlet path) the endpoint
    RawHttp.Answer slash = raw.upgrade("/jobs/ws/", "Authorization", "Bearer " + TOKEN);
    assertEquals(101, slash.status(), slash.toString());
    assertTrue(slash.body().contains("\"type\":\"connected\""), slash.toString());
  }

  @Test
  void declinedHandshakesAreAnsweredAsJsonWithoutWaiting() {
    String[] bearer = {"Authorization", "Bearer " + TOKEN};
    long start = System.nanoTime();
    // an Upgrade header without a key: Tyrus passes it on, and nothing ever answered it
    RawHttp.Answer noKey = raw.request("GET", "/render/jobs/ws", null,
        "Upgrade", "websocket", "Connection", "Upgrade", bearer[0], bearer[1]);
    assertEquals(400, noKey.status(), noKey.toString());
    assertEquals("{\"detail\":\"Invalid WebSocket handshake.\"}", noKey.body());
    RawHttp.Answer version = raw.request("GET", "/ingest/runs/ws", null, "Upgrade", "websocket",
        "Connection", "Upgrade", "Sec-WebSocket-Key", RawHttp.WEBSOCKET_KEY,
        "Sec-WebSocket-Version", "8", bearer[0], bearer[1]);
    assertEquals(426, version.status(), version.toString());
    assertEquals("13", version.header("Sec-WebSocket-Version"));
    assertEquals("application/json", version.header("Content-Type").split(";")[0]);
    // authentication comes first
    assertEquals(401, raw.request("GET", "/render/jobs/ws", null,
        "Upgrade", "websocket", "Connection", "Upgrade").status());
    // an upgrade of a route that is not a WebSocket endpoint
    RawHttp.Answer notAnEndpoint = raw.request("GET", "/status", null,
        "Upgrade", "websocket", "Connection", "Upgrade");
    assertEquals(404, notAnEndpoint.status(), notAnEndpoint.toString());
    assertTrue(System.nanoTime() - start < 10_000_000_000L, "an answer was held back");
  }

  // --- every route of the WAR has a rule ---

  private List<RouteScan.Route> warRoutes(Path unpackInto) {
    Path war = Path.of(System.getProperty("trafalgar.war", "target/trafalgar.war"));
    assertTrue(Files.isRegularFile(war), war + " missing: run mvn package first");
    List<Class<?>> classes = WarClasses.load(war, unpackInto);
    assertTrue(classes.stream().allMatch(c -> c.getClassLoader() != getClass().getClassLoader()),
        "the scan must read the archive's classes");
    RouteScan scan = RouteScan.of(classes);
    assertEquals(List.of(), scan.problems());
    assertTrue(scan.routes().stream().filter(RouteScan.Route::webSocket).count() == 4,
        scan.routes().toString());
    assertTrue(scan.routes().size() > 30, scan.routes().toString());
    return scan.routes();
  }

  /** A protected route with a concrete path: its variables replaced by sample values. */
  private record Target(RouteScan.Route route, String path) {}

  @Test
  void everyRouteOfTheWarHasARuleAndNoSpellingOpensAProtectedOne(@TempDir Path temp) {
    String jobId = http.postJson("/render/jobs", SUBMISSION, Http.bearer(TOKEN)).json()
        .get("job_id").asText();
    Map<String, String> samples = Map.of("{job_id}", jobId, "{run_id}", "run-1",
        "{project}", "alpha", "{delivery}", "d1/manifest.json", "{playlist}", "Dailies",
        "{asset}", "trafalgar.js");
    List<Target> targets = new ArrayList<>();
    for (RouteScan.Route route : warRoutes(temp)) {
      String verb = route.webSocket() ? "GET" : route.method();
      Access access = RouteAccessPolicy.lookup(verb, route.template()).orElseThrow();
      if (access.kind() != Access.Kind.PUBLIC && access.kind() != Access.Kind.DASHBOARD_SOFT) {
        String path = route.template();
        for (Map.Entry<String, String> sample : samples.entrySet()) {
          path = path.replace(sample.getKey(), sample.getValue());
        }
        targets.add(new Target(route, path));
      }
    }

    // without the role: the canonical spelling answers 401, every other one a refusal
    List<String> failures = new ArrayList<>();
    int jobsBefore = jobCount();
    int sent = 0;
    for (Target target : targets) {
      RawHttp.Answer anonymous = send(target.route(), target.path(), null);
      expect(failures, target.route(), target.path(), "anonymous", anonymous,
          anonymous.status() == 401 && hasNoStore(anonymous));
      for (String variant : Spellings.of(target.path())) {
        expect(failures, target.route(), variant, "anonymous",
            send(target.route(), variant, null), RawHttp.Answer::givesNothingAway);
        expect(failures, target.route(), variant, "no role",
            send(target.route(), variant, NO_ROLE), RawHttp.Answer::givesNothingAway);
        sent += 2;
      }
    }
    assertTrue(sent > 1000, "spellings sent: " + sent);
    assertEquals(List.of(), failures);
    assertEquals(jobsBefore, jobCount(), "a submission got through without the role");

    // with the role: never 401/403, and the canonical spelling's answer, a refusal, or the 404
    // of the sibling route the spelling reached (/jobs/. is the job ".", /runs/%73tream the run
    // "stream"), whose own rule then applied
    for (Target target : targets) {
      RouteScan.Route route = target.route();
      RawHttp.Answer canonical = send(route, target.path(), TOKEN);
      expect(failures, route, target.path(), "operator", canonical,
          authorised(canonical) && (route.webSocket() || hasNoStore(canonical))
              // an endpoint that refused the session would have sent a close frame (0x88)
              && (!route.webSocket() || (canonical.status() == 101
                  && !canonical.body().startsWith("\u0088"))));
      boolean stateful = route.method().equals("POST") || route.method().equals("DELETE");
      for (String variant : Spellings.of(target.path())) {
        expect(failures, route, variant, "operator", send(route, variant, TOKEN),
            answer -> authorised(answer) && (answer.status() == canonical.status() || stateful
                || answer.givesNothingAway() || answer.status() == 404));
      }
    }
    assertEquals(List.of(), failures);
  }

  private static boolean authorised(RawHttp.Answer answer) {
    return answer.status() != 401 && answer.status() != 403;
  }

  private RawHttp.Answer send(RouteScan.Route route, String target, String token) {
    String[] auth = token == null ? new String[0] : new String[] {"Authorization",
        "Bearer " + token};
    if (route.webSocket()) {
      return raw.upgrade(target, auth);
    }
    return raw.request(route.method(), target,
        route.method().equals("POST") ? SUBMISSION : null, auth);
  }

  private static boolean hasNoStore(RawHttp.Answer answer) {
    String cacheControl = answer.header("Cache-Control");
    return cacheControl != null && cacheControl.contains("no-store");
  }

  private static void expect(List<String> failures, RouteScan.Route route, String target,
      String who, RawHttp.Answer answer, boolean ok) {
    expect(failures, route, target, who, answer, a -> ok);
  }

  private static void expect(List<String> failures, RouteScan.Route route, String target,
      String who, RawHttp.Answer answer, Predicate<RawHttp.Answer> ok) {
    if (!ok.test(answer)) {
      failures.add(route + " as " + target + " (" + who + "): " + answer.status() + " "
          + answer.header("Cache-Control") + " "
          + answer.body().substring(0, Math.min(120, answer.body().length())));
    }
  }

  private int jobCount() {
    return http.get("/render/jobs", Http.bearer(TOKEN)).json().get("jobs").size();
  }
}

package com.trafalgar.it.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.trafalgar.it.Deployments;
import com.trafalgar.it.Http;
import com.trafalgar.it.WarTest;
import com.trafalgar.it.hardening.RawExchange.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * Replays the adversarial corpus (it-tests/resources/adversarial/requests.corpus, described in
 * docs/testing.md) against the deployed WAR over raw sockets, with a credential of the right role
 * on most cases so the bytes reach the parsers. Every case must be answered or closed within its
 * bound, never with a 5xx, with the contract's error shape; valid jobs submitted between the
 * hostile cases (and during the slow ones) must all be listed at the end, and the server must be
 * ready and healthy afterwards. All failures are reported at once, each with its case id.
 */
// Payara only (Micro and Server): the expectations were set against Grizzly; on WildFly, Undertow
// answers some cases itself (docs/testing.md, Known limits), not yet calibrated.
@DisabledIfSystemProperty(named = "trafalgar.it.server", matches = "wildfly")
@WarTest
class AdversarialCorpusIT {
  static final Path CORPUS = Path.of("it-tests/resources/adversarial/requests.corpus");
  static final Path DIR = Path.of("target/it-adversarial").toAbsolutePath();
  /** Seconds within which a case must be answered or closed, unless it says {@code bound=}. */
  static final int BOUND_SECONDS = 10;
  /**
   * The same for {@code slow} cases (stalled or trickled requests, lying lengths): the container
   * closes an idle, incomplete request after its idle timeout (30 s on Payara Micro), which is a
   * bounded answer; waiting for a body that never comes must end as soon.
   */
  static final int SLOW_BOUND_SECONDS = 40;
  /** A valid submission after every this many fast cases. */
  static final int VALID_JOB_EVERY = 10;

  static final String OPERATOR = "adv-operator-token-7f3a";
  static final Map<String, String> TOKENS = Map.of(
      "operator", OPERATOR,
      "read", "adv-read-token-19c2",
      "submit", "adv-submit-token-5e81",
      "manage", "adv-manage-token-a0d4",
      "ingest", "adv-ingest-token-3b77",
      "review", "adv-review-token-c915");
  static final String API_KEY = "adv-api-key-62e0";
  static final String API_SECRET = "adv-api-secret-d4b8";

  @Deployment(testable = false)
  static WebArchive deployment() throws IOException {
    Deployments.freshDirectory(DIR);
    Files.createDirectories(DIR.resolve("deliveries/alpha/d1"));
    Files.writeString(DIR.resolve("ingest_runs.json"), """
        {"runs": [{"id": "run-1", "started_at": "2024-01-01T12:30:00Z",
                   "completed_at": "2024-01-01T12:45:00Z", "report": {"processed": [],
                   "invalid": [["/mnt/in/x.mov", "no descriptor"]]}},
                  {"id": "run two/with slash", "started_at": "2024-01-02T12:30:00Z"}]}""");
    Files.writeString(DIR.resolve("offline.json"), """
        {"projects": ["alpha"],
         "versions": [{"project": "alpha", "shot": "EP01_SC001_SH0010", "version": 1,
                       "status": "apr", "user": "M. Silva", "timestamp": "2024-01-01T09:00:00Z"}],
         "playlists": [{"project": "alpha", "name": "Dailies",
                        "clips": [{"shot": "sh010", "version": "v001",
                                   "source_path": "/mnt/review/sh010_v001.mov",
                                   "duration_seconds": 2.0}]}]}""");
    Files.writeString(DIR.resolve("deliveries/alpha/d1/manifest.json"),
        "{\"name\": \"d1\", \"files\": [{\"path\": \"a.mov\", \"size\": 1, \"checksum\": \"c\"}]}");
    Files.writeString(DIR.resolve("reconcile.json"), "{\"shotgrid\": [], \"filesystem\": []}");
    StringBuilder credentials = new StringBuilder("[");
    for (Map.Entry<String, String> entry : List.of(
        Map.entry("read", "render:read"), Map.entry("submit", "render:submit"),
        Map.entry("manage", "render:manage"), Map.entry("ingest", "ingest:read"),
        Map.entry("review", "review:read"))) {
      credentials.append("{\"id\": \"").append(entry.getKey()).append("\", \"token\": \"")
          .append(TOKENS.get(entry.getKey())).append("\", \"roles\": \"")
          .append(entry.getValue()).append("\"}, ");
    }
    credentials.append("{\"id\": \"keyed\", \"api_key\": \"").append(API_KEY)
        .append("\", \"api_secret\": \"").append(API_SECRET)
        .append("\", \"roles\": \"render:read ingest:read\"}]");
    return Deployments.trafalgar(
        "TRAFALGAR_DASHBOARD_TOKEN", OPERATOR,
        "TRAFALGAR_SERVICE_CREDENTIALS", credentials.toString(),
        "TRAFALGAR_DATA_DIR", DIR.resolve("data").toString(),
        "TRAFALGAR_RENDER_JOBS_PATH", DIR.resolve("jobs.json").toString(),
        "ONEPIECE_INGEST_REGISTRY", DIR.resolve("ingest_runs.json").toString(),
        "TRAFALGAR_OFFLINE_DATA", DIR.resolve("offline.json").toString(),
        "TRAFALGAR_DELIVERIES_ROOT", DIR.resolve("deliveries").toString(),
        "TRAFALGAR_RECONCILE_REPORT", DIR.resolve("reconcile.json").toString());
  }

  @ArquillianResource Http http;

  @Test
  void everyHostileRequestIsAnsweredOrClosedInBoundedTimeAndNothingAcknowledgedIsLost()
      throws Exception {
    List<CorpusCase> cases = load();
    int port = http.base().getPort();
    CorpusText text = new CorpusText((macro, argument) -> macro(macro, argument, port));
    Set<String> secrets = new HashSet<>(TOKENS.values());
    secrets.addAll(List.of(API_KEY, API_SECRET));

    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    List<String> report = Collections.synchronizedList(new ArrayList<>());
    List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
    int fast = 0;
    for (CorpusCase corpusCase : cases) {
      if (corpusCase.flag("slow")) {
        continue;
      }
      replay(corpusCase, port, text, secrets, failures, report);
      if (++fast % VALID_JOB_EVERY == 0) {
        submitValidJob(http, "after " + corpusCase.id(), acknowledged, failures);
      }
    }
    // the slow cases hold their connections open together, while valid work goes on
    ExecutorService pool = Executors.newFixedThreadPool(32);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (CorpusCase corpusCase : cases) {
        if (corpusCase.flag("slow")) {
          running.add(pool.submit(() -> replay(corpusCase, port, text, secrets, failures, report)));
        }
      }
      Thread.sleep(1_000);
      for (int i = 0; i < 3; i++) {
        submitValidJob(http, "while the slow cases are open", acknowledged, failures);
      }
      for (Future<?> future : running) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    afterwards(http, acknowledged, failures);
    System.out.println("Adversarial corpus: " + cases.size() + " cases\n"
        + String.join("\n", report));
    assertTrue(failures.isEmpty(), failures.size() + " failure(s) in " + cases.size()
        + " corpus cases:\n" + String.join("\n", failures));
  }

  private static void replay(CorpusCase corpusCase, int port, CorpusText text,
      Set<String> secrets, List<String> failures, List<String> report) {
    Outcome outcome;
    try {
      String credential = corpusCase.credential();
      String token = credential.equals("none") ? null : TOKENS.get(credential);
      if (!credential.equals("none") && token == null) {
        throw new IllegalArgumentException("unknown credential " + credential);
      }
      int bound = corpusCase.boundSeconds(
          corpusCase.flag("slow") ? SLOW_BOUND_SECONDS : BOUND_SECONDS);
      outcome = RawExchange.exchange(port, corpusCase.request(text, "127.0.0.1:" + port, token),
          corpusCase.afterUpgrade(text), bound * 1_000L);
    } catch (RuntimeException e) {
      failures.add(corpusCase.id() + " (line " + corpusCase.line() + "): cannot build: " + e);
      return;
    }
    report.add(Verdict.line(corpusCase, outcome));
    List<String> problems = Verdict.problems(corpusCase, outcome, secrets);
    if (!problems.isEmpty()) {
      failures.add(corpusCase.id() + " (line " + corpusCase.line() + "): "
          + String.join("; ", problems) + " <- " + outcome.summary());
    }
  }

  private static String macro(String macro, String argument, int port) {
    return switch (macro) {
      case "token" -> TOKENS.get(argument);
      case "key" -> API_KEY;
      case "secret" -> API_SECRET;
      case "host" -> "127.0.0.1:" + port;
      case "job" -> CorpusCase.JOB_PREFIX + "}";
      default -> throw new IllegalArgumentException("unknown macro $(" + macro + ")");
    };
  }

  private static void submitValidJob(Http http, String when, List<String> acknowledged,
      List<String> failures) {
    try {
      Http.Answer answer = http.postJson("/render/jobs", CorpusCase.JOB_PREFIX + "}",
          Http.bearer(TOKENS.get("submit")));
      if (answer.status() == 201) {
        acknowledged.add(answer.json().get("job_id").asText());
      } else {
        failures.add("valid job " + when + ": " + answer.status() + " " + answer.body());
      }
    } catch (RuntimeException e) {
      failures.add("valid job " + when + ": " + e);
    }
  }

  private static void afterwards(Http http, List<String> acknowledged, List<String> failures) {
    try {
      Http.Answer ready = http.get("/health/ready");
      if (ready.status() != 200) {
        failures.add("afterwards: /health/ready answered " + ready.status() + " " + ready.body());
      }
      Http.Answer health = http.get("/render/health", Http.bearer(TOKENS.get("read")));
      if (health.status() != 200) {
        failures.add("afterwards: /render/health answered " + health.status());
      }
      for (String jobId : acknowledged) {
        Http.Answer job = http.get("/render/jobs/" + jobId, Http.bearer(TOKENS.get("read")));
        if (job.status() != 200) {
          failures.add("acknowledged job " + jobId + " lost: " + job.status() + " " + job.body());
        }
      }
    } catch (RuntimeException e) {
      failures.add("afterwards: the server did not answer: " + e);
    }
    if (acknowledged.isEmpty()) {
      failures.add("no valid job was acknowledged at all");
    }
  }

  /** The corpus, checked for size and unique ids (a broken line fails the whole run). */
  static List<CorpusCase> load() throws IOException {
    List<String> lines = Files.readAllLines(CORPUS, StandardCharsets.UTF_8);
    List<CorpusCase> cases = new ArrayList<>();
    Map<String, Integer> ids = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      CorpusCase corpusCase = CorpusCase.parse(line, i + 1);
      Integer before = ids.put(corpusCase.id(), i + 1);
      assertEquals(null, before, "case id " + corpusCase.id() + " is used twice");
      cases.add(corpusCase);
    }
    assertTrue(cases.size() >= 300, "the corpus keeps at least 300 cases: " + cases.size());
    return cases;
  }
}

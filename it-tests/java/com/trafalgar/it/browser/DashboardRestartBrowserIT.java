package com.trafalgar.it.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.trafalgar.it.Deployments;
import com.trafalgar.it.Http;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The page recovers its live updates after the server restarts: Payara Micro runs here as a child
 * process on a fixed port (so the page's origin stays the same), is killed under the open page and
 * started again on the same job store. The indicator must go back to Live by itself, the jobs from
 * before the restart must still be listed, and a job submitted afterwards must show up live.
 */
@EnabledIf("com.trafalgar.it.browser.Browser#available")
class DashboardRestartBrowserIT {
  static final Path WORK = Path.of("target/it-browser/restart").toAbsolutePath();

  Process server;
  int port;

  @AfterEach
  void stop() throws InterruptedException {
    if (server != null) {
      server.destroyForcibly().waitFor();
    }
  }

  void start(Path war, String name) throws Exception {
    ProcessBuilder builder = Deployments.payaraMicro(war, port, WORK.resolve(name + ".log"));
    builder.command().addAll(List.of("--contextroot", "/"));
    Map<String, String> env = builder.environment();
    env.put("TRAFALGAR_DASHBOARD_TOKEN", BrowserDeployment.TOKEN);
    env.put("TRAFALGAR_DEMO_MODE", "true");
    env.put("TRAFALGAR_RENDER_JOBS_PATH", WORK.resolve("jobs.json").toString());
    env.put("TRAFALGAR_RENDER_STATUS_POLL_INTERVAL", "0.5");
    server = builder.start();
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
    while (System.nanoTime() < deadline) {
      assertTrue(server.isAlive(), "Payara Micro exited; see " + name + ".log");
      try {
        if (client.send(HttpRequest.newBuilder(URI.create(base() + "/status")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still booting
      }
      Thread.sleep(300);
    }
    throw new AssertionError("Payara Micro did not start; see " + name + ".log");
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  String submit(Http http, String scene) {
    Http.Answer answer = http.postJson("/render/jobs", "{\"dcc\":\"maya\",\"scene\":\"" + scene
        + "\",\"output\":\"/o\",\"frames\":\"1-2\"}", Http.bearer(BrowserDeployment.TOKEN));
    assertTrue(answer.status() == 201, answer.body());
    return answer.json().get("job_id").asText();
  }

  @Test
  void thePageRecoversItsLiveUpdatesAfterTheServerRestarts() throws Exception {
    Files.createDirectories(WORK);
    Files.deleteIfExists(WORK.resolve("jobs.json"));
    Path war = WORK.resolve("ROOT.war");
    Deployments.trafalgar(Map.of()).as(ZipExporter.class)
        .exportTo(war.toFile(), true);
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    start(war, "first");
    Http http = new Http(new java.net.URL(base() + "/"));
    String before = submit(http, "/s/before.ma");
    try (Browser browser = new Browser()) {
      browser.open(base() + "/");
      browser.saveToken(BrowserDeployment.TOKEN);
      browser.waitText("#tg-live", "Live");
      browser.waitFor("the job from before", d -> browser.present("[data-job-id='" + before
          + "']"));

      server.destroyForcibly().waitFor();
      browser.waitFor("the page noticing", d -> !browser.find("#tg-live").getText()
          .startsWith("Live"));
      start(war, "second");
      browser.waitFor(Duration.ofSeconds(60), "Live again",
          d -> browser.find("#tg-live").getText().startsWith("Live"));
      String after = submit(http, "/s/after.ma");
      browser.waitFor(Duration.ofSeconds(5), "the job submitted after the restart",
          d -> browser.present("[data-job-id='" + after + "']"));
      assertTrue(browser.present("[data-job-id='" + before + "']"), "the snapshot after resync");
      browser.waitFor(Duration.ofSeconds(20), "its live status change",
          d -> browser.text("tr[data-job-row='" + after + "'] .tg-job-status")
              .equals("completed"));
    }
  }
}

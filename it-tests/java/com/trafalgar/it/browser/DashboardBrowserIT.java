package com.trafalgar.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.trafalgar.it.Http;
import com.trafalgar.it.WarTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The dashboard page in headless Chromium against the deployed WAR (demo mode): loading, the
 * token, the project picker, what each role is offered, the ingest panel, the accessibility audit
 * and the README screenshot.
 */
@WarTest
@EnabledIf("com.trafalgar.it.browser.Browser#available")
class DashboardBrowserIT {
  @Deployment(testable = false)
  static WebArchive deployment() {
    return BrowserDeployment.archive("dashboard");
  }

  @ArquillianResource Http http;
  Browser browser;

  @BeforeEach
  void open() {
    browser = new Browser();
  }

  @AfterEach
  void close() {
    browser.close();
  }

  String page(String suffix) {
    return http.base() + "/" + suffix;
  }

  void loadAndWait(String suffix) {
    browser.open(page(suffix));
    browser.waitText("#tg-dashboard .tg-tiles", "834");
    browser.waitFor("the project summary", d -> browser.present("#tg-dashboard .tg-figures"));
  }

  @Test
  void pageLoadsUnderItsPolicyWithNoConsoleError() {
    Http.Answer html = http.get("/");
    assertTrue(html.header("Content-Security-Policy").contains("script-src 'self'"));
    assertTrue(html.body().contains("<script type=\"module\""), html.body());
    loadAndWait("");
    browser.waitText("#tg-live", "Polling every 30 s");
    assertEquals(List.of(), browser.severeLogs().stream().map(e -> e.getMessage()).toList(),
        "console errors on a plain load");
    assertTrue(browser.find("#tg-jobs-card").getText().contains("Save a dashboard token"));
    assertFalse(browser.shown("#tg-submit-card"), "no form without a token");
  }

  @Test
  void savingTheTokenRevealsTheLivePanels() {
    loadAndWait("");
    browser.saveToken(BrowserDeployment.TOKEN);
    browser.waitText("#tg-live", "Live");
    assertEquals("Render: read, submit, cancel \u00b7 Ingest: read",
        browser.find("#tg-token-roles").getText());
    browser.waitFor("the job table", d -> browser.shown("#tg-jobs-table")
        || browser.find("#tg-jobs-card").getText().contains("No render jobs yet"));
    assertTrue(browser.shown("#tg-submit-card form"));
    assertTrue(browser.shown("#tg-job-farm"));
    browser.waitText("#tg-ingest-card", "demo-run-006");
    assertEquals(List.of(), BrowserDeployment.unexpected(browser.severeLogs()));
  }

  @Test
  void pickingAProjectChangesTheCardsAndTheAddress() {
    loadAndWait("");
    browser.waitText("#tg-section-project", "Project: Atlas Rising");
    browser.select("#tg-dashboard select[name=project]", "Signal Noir");
    browser.waitText("#tg-section-project", "Project: Signal Noir");
    browser.waitFor("Signal Noir's summary (83 shots)", d -> browser.find("#tg-dashboard")
        .getText().contains("SN201_220"));
    assertTrue(browser.driver().getCurrentUrl().endsWith("/#project=Signal%20Noir"),
        browser.driver().getCurrentUrl());
    // A shared link opens on its project.
    try (Browser other = new Browser()) {
      other.open(page("#project=Signal%20Noir"));
      other.waitText("#tg-section-project", "Project: Signal Noir");
      other.waitText("#tg-dashboard .tg-deliveries", "Signal Noir nightly");
      assertEquals("Signal Noir", other.find("#tg-dashboard select[name=project]")
          .getAttribute("value"));
    }
    // Back returns to the previous choice.
    browser.driver().navigate().back();
    browser.waitText("#tg-section-project", "Project: Atlas Rising");
  }

  @Test
  void aReadOnlyTokenSeesNoSubmitAndNoCancel() {
    String job = http.postJson("/render/jobs", "{\"dcc\":\"maya\",\"scene\":\"/s/ro.ma\","
        + "\"output\":\"/o\",\"farm\":\"studiofarm\"}", Http.bearer(BrowserDeployment.TOKEN))
        .json().get("job_id").asText();
    loadAndWait("");
    browser.saveToken(BrowserDeployment.VIEWER);
    assertEquals("Render: read \u00b7 Ingest: read", browser.find("#tg-token-roles").getText());
    browser.waitFor("the job in the table", d -> browser.present("[data-job-id='" + job + "']"));
    assertFalse(browser.shown("#tg-submit-card"), "a read-only credential gets no form");
    browser.click("[data-job-id='" + job + "']");
    browser.waitText("#tg-job-detail", "may not cancel");
    assertFalse(browser.present("#tg-cancel-job"));
    assertEquals(List.of(), BrowserDeployment.unexpected(browser.severeLogs()).stream()
        .filter(m -> !m.contains("status of 403")).toList());
  }

  @Test
  void refusedAndForbiddenTokensAreSaidSo() {
    loadAndWait("");
    browser.saveToken("not-a-token");
    assertTrue(browser.find("#tg-token-roles").getText()
        .startsWith("The token was refused (HTTP 401: Invalid bearer token.)"));
    assertTrue(browser.find("#tg-jobs-card").getText().contains("HTTP 401"));
    browser.saveToken(BrowserDeployment.REVIEWER);
    assertEquals("Render: no access \u00b7 Ingest: no access",
        browser.find("#tg-token-roles").getText());
    assertTrue(browser.find("#tg-jobs-card").getText().contains("HTTP 403"),
        browser.find("#tg-jobs-card").getText());
    assertTrue(browser.find("#tg-ingest-card").getText().contains("HTTP 403"));
    // The rest of the page still works.
    assertTrue(browser.find("#tg-dashboard .tg-tiles").getText().contains("834"));
  }

  @Test
  void theIngestPanelListsRunsAndMarksTheFailedOne() throws Exception {
    loadAndWait("");
    browser.saveToken(BrowserDeployment.TOKEN);
    browser.waitText("#tg-ingest-card", "demo-run-004");
    String failedRow = browser.find("[data-run-id='demo-run-004']")
        .findElement(org.openqa.selenium.By.xpath("ancestor::tr")).getAttribute("class");
    assertTrue(failedRow.contains("tg-row-failed"), failedRow);
    browser.click("[data-run-id='demo-run-004']");
    browser.waitText("#tg-run-detail", "Descriptor must be provided in the filename");
    assertTrue(browser.find("#tg-run-detail").getText().contains("failed"));
    // A run the ingest tool adds later arrives live (run.created from the registry watcher).
    Path registry = BrowserDeployment.registry("dashboard");
    String runs = Files.readString(registry);
    Files.writeString(registry, runs.replaceFirst("\\{\"runs\": \\[", "{\"runs\": [\n"
        + "  {\"id\": \"it-run-live\", \"started_at\": \"2024-05-21T07:00:00Z\","
        + " \"completed_at\": \"2024-05-21T07:05:00Z\", \"report\": {\"processed\": [],"
        + " \"invalid\": [[\"/mnt/incoming/late.mov\", \"Shot code missing\"]]}},"));
    browser.waitFor("the new run, live", d -> browser.present("[data-run-id='it-run-live']"));
    assertTrue(browser.find("[data-run-id='it-run-live']")
        .findElement(org.openqa.selenium.By.xpath("ancestor::tr")).getAttribute("class")
        .contains("tg-row-failed"));
  }

  @Test
  void noSeriousOrCriticalAccessibilityViolationOnAnyPanel() {
    http.postJson("/render/jobs", "{\"dcc\":\"maya\",\"scene\":\"/s/a11y.ma\",\"output\":\"/o\","
        + "\"frames\":\"1-3\"}", Http.bearer(BrowserDeployment.TOKEN));
    loadAndWait("");
    assertNoSeriousViolation("the page without a token", null);
    browser.saveToken(BrowserDeployment.TOKEN);
    browser.waitFor("a job row", d -> browser.present("[data-job-id]"));
    browser.waitText("#tg-ingest-card", "demo-run-004");
    browser.click("[data-job-id]");
    browser.waitFor("the job detail", d -> browser.shown("#tg-job-detail"));
    browser.click("[data-run-id='demo-run-004']");
    browser.waitText("#tg-run-detail", "Descriptor must be provided");
    browser.find("#tg-job-frames").sendKeys("1-");
    browser.waitText("[data-field-error=frames]", "Deadline notation");
    for (String panel : List.of("#tg-section-studio", "#tg-section-project", "#tg-jobs-card",
        "#tg-job-detail", "#tg-submit-card", "#tg-ingest-card", "#tg-run-detail",
        "#tg-section-reconciliation", "#tg-section-activity")) {
      assertNoSeriousViolation(panel, panel);
    }
    assertNoSeriousViolation("the whole page with every panel open", null);
  }

  void assertNoSeriousViolation(String what, String selector) {
    AxeBuilder axe = new AxeBuilder();
    if (selector != null) {
      String css = selector.startsWith("#tg-section-")
          ? "section[aria-labelledby='" + selector.substring(1) + "']" : selector;
      axe.include(css);
    }
    Results results = axe.analyze(browser.driver());
    List<Rule> serious = results.getViolations().stream()
        .filter(v -> "serious".equals(v.getImpact()) || "critical".equals(v.getImpact()))
        .toList();
    assertTrue(serious.isEmpty(), what + ": " + serious.stream()
        .map(v -> v.getId() + " (" + v.getImpact() + "): " + v.getHelp() + " at "
            + v.getNodes().stream().map(n -> String.valueOf(n.getTarget()))
                .collect(Collectors.joining(", ")))
        .collect(Collectors.joining("; ")));
  }

  @Test
  void screenshotOfTheDemoDashboard() {
    for (String frames : List.of("1-40", "1-8", "1-2", "1-200")) {
      http.postJson("/render/jobs", "{\"dcc\":\"houdini\",\"scene\":\"/shows/atlas/AR101_0"
          + frames.length() + "0/fx.hip\",\"output\":\"/renders/atlas\",\"frames\":\"" + frames
          + "\"}", Http.bearer(BrowserDeployment.TOKEN));
    }
    http.postJson("/render/jobs", "{\"dcc\":\"maya\",\"scene\":\"/shows/atlas/AR102_130/lgt.ma\","
        + "\"output\":\"/renders/atlas\",\"farm\":\"studiofarm\"}",
        Http.bearer(BrowserDeployment.TOKEN));
    try (Browser tall = new Browser(1440, 2300)) {
      tall.open(page(""));
      tall.waitText("#tg-dashboard .tg-tiles", "834");
      tall.saveToken(BrowserDeployment.TOKEN);
      tall.waitText("#tg-live", "Live");
      tall.waitFor("job rows", d -> tall.all("[data-job-id]").size() >= 5);
      tall.waitText("#tg-ingest-card", "demo-run-004");
      tall.script("document.activeElement.blur()");
      Path target = Path.of(System.getProperty("trafalgar.screenshot",
          "target/it-browser/dashboard.png"));
      tall.screenshot(target);
    }
  }
}
